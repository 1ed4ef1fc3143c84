using VoiceFlow.Web.Features.Privacy;

namespace VoiceFlow.Web.Tests.Privacy;

public sealed class PiiMaskTests
{
    [Theory]
    [InlineData("+14165554567", "+1416***4567")]
    [InlineData("(416) 555-4567", "416***4567")]
    [InlineData("12", "**")]
    [InlineData(null, "")]
    public void Phone_KeepsTheStartAndTheLastFourDigits(string? phone, string expected) => Assert.Equal(expected, PiiMask.Phone(phone));

    [Fact]
    public void Text_MasksPhonesAndEmailsInTwilioErrors_LeavesTheRest()
    {
        var masked = PiiMask.Text("The 'To' number +14165554567 is not a valid phone number (code 21211); contact jane.doe@example.org");
        Assert.Equal("The 'To' number +1416***4567 is not a valid phone number (code 21211); contact j***@example.org", masked);
        Assert.DoesNotContain("5554567", masked, StringComparison.Ordinal);
    }
}
