namespace VoiceFlow.Domain.Speech;

/// <summary>One token of a folded utterance: a word, a number (said or written) or a written compound like 3:30 or 2/15.</summary>
/// <param name="Text">The token text (lower case, no accents).</param>
/// <param name="Value">The number's value, or -1 when the token is not a number.</param>
/// <param name="IsOrdinal">True for "3rd", "third", "3e", "troisième", "premier".</param>
/// <param name="IsDigits">True when the number was written in digits.</param>
/// <param name="IsCompound">True for written compounds (3:30, 2/15, 2018-7-6, 8.30) kept whole in <see cref="Text"/>.</param>
internal readonly record struct SpeechToken(string Text, int Value = -1, bool IsOrdinal = false, bool IsDigits = false, bool IsCompound = false)
{
    public bool IsNumber => Value >= 0;

    /// <summary>Number of digits written (0 for words).</summary>
    public int DigitCount => IsDigits ? Text.Length : 0;

    public bool Is(string word) => !IsCompound && string.Equals(Text, word, StringComparison.Ordinal);

    public override string ToString() => Text;
}
