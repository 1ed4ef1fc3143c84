using Twilio.TwiML;
using Twilio.TwiML.Voice;
using VoiceFlow.Domain.Conversation;

namespace VoiceFlow.Web.Voice;

/// <summary>Renders the engine's abstract replies as TwiML with the Twilio SDK.</summary>
public static class TwimlWriter
{
    public const string GatherPath = "/twilio/voice/gather";
    public const string DialPath = "/twilio/voice/dial";
    public const string RecordingPath = "/twilio/voice/recording";

    /// <summary>The action URLs' query parameter naming the session version the step saved (see RecentCallSessions).</summary>
    public const string SessionVersionParameter = "v";

    public static string Render(AgentReply reply, string? transferNumber, string? sessionVersion = null)
    {
        var query = sessionVersion is null ? "" : "?" + SessionVersionParameter + "=" + Uri.EscapeDataString(sessionVersion);
        var response = new VoiceResponse();
        var language = reply.Language.StartsWith("fr", StringComparison.OrdinalIgnoreCase) ? "fr-CA" : "en-CA";
        switch (reply.Action)
        {
            case ReplyAction.Listen:
                var gather = new Gather(
                    input: [Gather.InputEnum.Speech, Gather.InputEnum.Dtmf],
                    action: new Uri(GatherPath + query, UriKind.Relative),
                    method: Twilio.Http.HttpMethod.Post,
                    timeout: 5,
                    speechTimeout: "2",
                    numDigits: 1,
                    language: (Gather.LanguageEnum)language,
                    hints: reply.Hints.Count == 0 ? null : string.Join(", ", reply.Hints.Take(50)),
                    actionOnEmptyResult: true);
                foreach (var sentence in reply.Say)
                {
                    gather.Say(sentence, language: (Say.LanguageEnum)language);
                }
                response.Append(gather);
                break;
            case ReplyAction.Transfer when !string.IsNullOrWhiteSpace(transferNumber):
                SayAll(response, reply, language);
                response.Append(new Dial(transferNumber, action: new Uri(DialPath + query, UriKind.Relative), method: Twilio.Http.HttpMethod.Post, timeout: 20));
                break;
            case ReplyAction.Transfer:
            case ReplyAction.Voicemail:
                SayAll(response, reply, language);
                response.Append(new Record(action: new Uri(RecordingPath + query, UriKind.Relative), method: Twilio.Http.HttpMethod.Post,
                    timeout: 5, maxLength: 120, playBeep: true, finishOnKey: "#"));
                break;
            default:
                SayAll(response, reply, language);
                response.Hangup();
                break;
        }
        return response.ToString();
    }

    /// <summary>What Twilio hears when anything goes wrong: an apology, then a person or a voicemail. Never a 500.</summary>
    public static string Apology(string language, string? transferNumber)
    {
        var french = language.StartsWith("fr", StringComparison.OrdinalIgnoreCase);
        var reply = new AgentReply(french ? "fr-CA" : "en-CA",
            [french
                ? (transferNumber is null ? "Désolé, j'ai un problème technique. Laissez-nous un message après le bip." : "Désolé, j'ai un problème technique. Je vous transfère à quelqu'un.")
                : (transferNumber is null ? "Sorry, I'm having a technical problem. Please leave a message after the beep." : "Sorry, I'm having a technical problem. Let me connect you with someone.")],
            transferNumber is null ? ReplyAction.Voicemail : ReplyAction.Transfer, []);
        return Render(reply, transferNumber);
    }

    /// <summary>For a number that no business answers.</summary>
    public static string NotInService()
    {
        var response = new VoiceResponse();
        response.Say("Sorry, this number is not in service.", language: (Say.LanguageEnum)"en-CA");
        response.Say("Désolé, ce numéro n'est pas en service.", language: (Say.LanguageEnum)"fr-CA");
        response.Hangup();
        return response.ToString();
    }

    private static void SayAll(VoiceResponse response, AgentReply reply, string language)
    {
        foreach (var sentence in reply.Say)
        {
            response.Say(sentence, language: (Say.LanguageEnum)language);
        }
    }
}
