namespace VoiceFlow.LoadTest;

/// <summary>What the simulated callers say: most ask something and hang up, some book.</summary>
internal static class CallScripts
{
    private static readonly string[] Days = ["monday", "tuesday", "wednesday", "thursday", "friday"];
    private static readonly string[] Times = ["9", "9:30", "10", "10:30", "11", "1:30 pm", "2 pm", "2:30 pm", "3 pm", "3:30 pm", "4 pm"];
    private static readonly string[] Names = ["Jean Tremblay", "Mary O'Brien", "Li Wei", "Sophie Roy", "Omar Haddad", "Anna Kowalski"];

    public static IReadOnlyList<string?> Pick(Random random)
    {
        var roll = random.Next(100);
        if (roll < 60)
        {
            return ["what are your opening hours", "no that's all"];
        }
        if (roll < 70)
        {
            return [null, "sorry I'd like to know where you are", "no thanks goodbye"];
        }
        return
        [
            $"I'd like a checkup next {Days[random.Next(Days.Length)]} at {Times[random.Next(Times.Length)]}",
            "the first one",
            Names[random.Next(Names.Length)],
            "yes",
            "yes",
            "no that's all",
        ];
    }
}
