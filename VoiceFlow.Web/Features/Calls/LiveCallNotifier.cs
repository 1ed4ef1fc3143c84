using VoiceFlow.Web.Features.Live;

namespace VoiceFlow.Web.Features.Calls;

/// <summary>A business's live calls changed: a call started, spoke or ended.</summary>
public sealed class LiveCallNotifier(IServiceProvider services, TimeProvider time, ILogger<LiveCallNotifier> logger)
    : BusinessChangeNotifier("vf:live-calls", services, time, logger);
