using VoiceFlow.Domain.Messaging;
using VoiceFlow.Web.Features.Messaging;

namespace VoiceFlow.Web.Tests.Messaging;

public sealed class SmsKeywordsTests
{
    [Theory]
    [InlineData("C", InboundIntent.Confirm)]
    [InlineData("oui", InboundIntent.Confirm)]
    [InlineData("Yes please", InboundIntent.Confirm)]
    [InlineData("x", InboundIntent.Cancel)]
    [InlineData("Annuler.", InboundIntent.Cancel)]
    [InlineData("CANCEL", InboundIntent.Cancel)]
    [InlineData("r", InboundIntent.CallBack)]
    [InlineData("STOP", InboundIntent.OptOut)]
    [InlineData("Arrêt", InboundIntent.OptOut)]
    [InlineData("unsubscribe", InboundIntent.OptOut)]
    [InlineData("START", InboundIntent.OptIn)]
    [InlineData("C'est moi", InboundIntent.Other)]
    [InlineData("😀", InboundIntent.Other)]
    [InlineData("  ", InboundIntent.Empty)]
    [InlineData(null, InboundIntent.Empty)]
    public void Classify_FirstWord_GivesIntent(string? body, InboundIntent expected) => Assert.Equal(expected, SmsKeywords.Classify(body));
}
