using Microsoft.Extensions.Options;

namespace VoiceFlow.Web.Voice;

/// <summary>In Production a Twilio token is required, and signature checks stay on.</summary>
internal sealed class TwilioOptionsValidator(IHostEnvironment environment) : IValidateOptions<TwilioOptions>
{
    public ValidateOptionsResult Validate(string? name, TwilioOptions options)
    {
        var failures = new List<string>();
        if (environment.IsProduction() && string.IsNullOrWhiteSpace(options.AuthToken))
        {
            failures.Add("'Twilio:AuthToken' is required in Production (set the environment variable Twilio__AuthToken).");
        }
        if (environment.IsProduction() && string.IsNullOrWhiteSpace(options.AccountSid))
        {
            failures.Add("'Twilio:AccountSid' is required in Production (set the environment variable Twilio__AccountSid).");
        }
        if (!options.ValidateSignatures && !environment.IsDevelopment())
        {
            failures.Add("'Twilio:ValidateSignatures' can only be false in Development.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
