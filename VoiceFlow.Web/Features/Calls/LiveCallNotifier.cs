namespace VoiceFlow.Web.Features.Calls;

/// <summary>
/// Tells open portal pages that a business's live calls changed (a call started, spoke or ended), so they refresh
/// without reload. A singleton; subscribers call <c>InvokeAsync</c> on their own circuit.
/// </summary>
public sealed class LiveCallNotifier
{
    public event Action<Guid>? Changed;

    public void Notify(Guid businessId) => Changed?.Invoke(businessId);
}
