namespace VoiceFlow.Web.Features.Customers;

/// <summary>Whether a customer edit was saved; if not, which field was wrong and why (English text, localised by the page).</summary>
public sealed record CustomerSaveResult(bool Succeeded, string? Field = null, string? Message = null)
{
    public static readonly CustomerSaveResult Saved = new(true);
}
