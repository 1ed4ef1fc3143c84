namespace VoiceFlow.Web.Api;

/// <summary>Replace a customer's contact details. The phone must parse (E.164 or a Canadian number) and be unused by another customer.</summary>
public sealed record UpdateCustomerRequest(string? Name, string? Phone, string? Email = null, string? Language = null, bool SmsOptedOut = false);
