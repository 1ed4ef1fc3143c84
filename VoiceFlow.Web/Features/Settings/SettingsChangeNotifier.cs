using VoiceFlow.Web.Features.Calls;
using VoiceFlow.Web.Features.Live;

namespace VoiceFlow.Web.Features.Settings;

/// <summary>
/// A business's settings were saved: every instance drops what it cached about that business (its profile and
/// scheduling setup, see <see cref="BusinessProfileCache"/>), so the next call or booking anywhere uses the new hours,
/// closures, services and staff. Crosses instances over Redis pub/sub when Redis is configured; sent at once.
/// </summary>
public sealed class SettingsChangeNotifier : BusinessChangeNotifier
{
    public SettingsChangeNotifier(BusinessProfileCache profiles, IServiceProvider services, TimeProvider time, ILogger<SettingsChangeNotifier> logger)
        : base("vf:settings", services, time, logger, coalescing: TimeSpan.Zero) =>
        Changed += profiles.Invalidate;
}
