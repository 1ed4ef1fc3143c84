using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using VoiceFlow.Testing;
using VoiceFlow.Web.Voice;

namespace VoiceFlow.Web.Tests.Voice;

public sealed class TwilioSignatureTests
{
    private sealed class Options(TwilioOptions value) : IOptionsMonitor<TwilioOptions>
    {
        public TwilioOptions CurrentValue { get; set; } = value;
        public TwilioOptions Get(string? name) => CurrentValue;
        public IDisposable? OnChange(Action<TwilioOptions, string?> listener) => null;
    }

    private static readonly Dictionary<string, string> Form = new() { ["CallSid"] = "CA123", ["From"] = "+14165550100", ["To"] = "+15555550100" };

    private static (HttpRequest Request, IFormCollection Form) Request(string signature)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("voice.example.com");
        context.Request.Path = "/twilio/voice/gather";
        context.Request.QueryString = new QueryString("?v=0123456789abcdef");
        context.Request.Headers["X-Twilio-Signature"] = signature;
        return (context.Request, new FormCollection(Form.ToDictionary(kv => kv.Key, kv => new StringValues(kv.Value))));
    }

    [Fact]
    public void A_signature_is_checked_against_the_current_token_every_time()
    {
        var options = new Options(new TwilioOptions { AuthToken = "first-token" });
        var signature = new TwilioSignature(options);
        const string url = "https://voice.example.com/twilio/voice/gather?v=0123456789abcdef";
        var signedWithFirst = TwilioSigner.Sign("first-token", url, Form);
        var signedWithSecond = TwilioSigner.Sign("second-token", url, Form);

        Assert.True(signature.IsValid(Request(signedWithFirst).Request, Request(signedWithFirst).Form));
        Assert.True(signature.IsValid(Request(signedWithFirst).Request, Request(signedWithFirst).Form));
        Assert.False(signature.IsValid(Request(signedWithSecond).Request, Request(signedWithSecond).Form));

        // The token is rotated: the old signatures fail from the next webhook on, on the same thread too.
        options.CurrentValue = new TwilioOptions { AuthToken = "second-token" };
        Assert.False(signature.IsValid(Request(signedWithFirst).Request, Request(signedWithFirst).Form));
        Assert.True(signature.IsValid(Request(signedWithSecond).Request, Request(signedWithSecond).Form));
    }

    [Fact]
    public void Signatures_checked_on_many_threads_at_once_are_each_judged_on_their_own()
    {
        var signature = new TwilioSignature(new Options(new TwilioOptions { AuthToken = "shared-token" }));
        const string url = "https://voice.example.com/twilio/voice/gather?v=0123456789abcdef";
        var good = TwilioSigner.Sign("shared-token", url, Form);
        var bad = TwilioSigner.Sign("other-token", url, Form);

        var verdicts = Enumerable.Range(0, 4000).AsParallel().WithDegreeOfParallelism(8)
            .Select(i => (Expected: i % 2 == 0, Actual: signature.IsValid(Request(i % 2 == 0 ? good : bad).Request, Request(i % 2 == 0 ? good : bad).Form)))
            .ToList();

        Assert.All(verdicts, v => Assert.Equal(v.Expected, v.Actual));
    }
}
