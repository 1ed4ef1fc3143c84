using System.Text.Json;
using VoiceFlow.Domain.Conversation;

namespace VoiceFlow.Domain.Tests.Conversation;

public class ConversationStateCopyTests
{
    private static ConversationState Sample() => new()
    {
        Language = "fr-CA",
        Step = ConversationStep.Greeting,
        ServiceId = Guid.NewGuid(),
        Date = new DateOnly(2026, 12, 3),
        Time = new TimeOnly(14, 30),
        Slot = new HeldSlot { StartUtc = new DateTime(2026, 12, 3, 19, 30, 0, DateTimeKind.Utc), StartLocal = new DateTime(2026, 12, 3, 14, 30, 0), StaffMemberId = Guid.NewGuid() },
        Offered = [new HeldSlot { StartUtc = new DateTime(2026, 12, 3, 20, 0, 0, DateTimeKind.Utc), StartLocal = new DateTime(2026, 12, 3, 15, 0, 0), StaffMemberId = Guid.NewGuid() }],
        CustomerName = "Sophie Roy",
        LastSay = ["Bonjour"],
        Failures = 1,
        Turns = 4,
    };

    [Fact]
    public void Clone_is_equal_to_the_original()
    {
        var state = Sample();
        Assert.Equal(state.ToJson(), state.Clone().ToJson());
    }

    [Fact]
    public void Changing_a_clone_leaves_the_original_alone()
    {
        var state = Sample();
        var before = state.ToJson();
        var copy = state.Clone();
        copy.Slot!.StartUtc = copy.Slot.StartUtc.AddHours(1);
        copy.Offered[0].StaffMemberId = Guid.NewGuid();
        copy.Offered.Add(new HeldSlot());
        copy.LastSay.Add("Autre chose ?");
        copy.CustomerName = "Someone else";
        Assert.Equal(before, state.ToJson());
    }

    [Fact]
    public void Nested_in_a_larger_document_it_round_trips()
    {
        var state = Sample();
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            state.WriteTo(writer);
        }
        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        reader.Read();
        Assert.Equal(state.ToJson(), ConversationState.ReadFrom(ref reader).ToJson());
    }
}
