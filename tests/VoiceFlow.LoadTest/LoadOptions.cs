using System.Globalization;

namespace VoiceFlow.LoadTest;

/// <summary>Command-line options of the load tool.</summary>
public sealed record LoadOptions(Uri BaseUrl, string AuthToken, string To, int Calls, TimeSpan Duration, bool ThinkTime, int Seed)
{
    public const string Usage =
        "usage: VoiceFlow.LoadTest --base-url URL --auth-token TOKEN --to +15555550100 --calls 200 --duration 30 [--no-think-time] [--seed 1]";

    public static LoadOptions? Parse(string[] args)
    {
        string? baseUrl = null, token = null, to = null;
        int calls = 50, duration = 30, seed = 1;
        var think = true;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : "";
            switch (args[i])
            {
                case "--base-url": baseUrl = Next(); break;
                case "--auth-token": token = Next(); break;
                case "--to": to = Next(); break;
                case "--calls": calls = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--duration": duration = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--no-think-time": think = false; break;
                default: return null;
            }
        }
        if (baseUrl is null || token is null || to is null || calls < 1 || duration < 1 || !Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri))
        {
            return null;
        }
        return new LoadOptions(uri, token, to, calls, TimeSpan.FromSeconds(duration), think, seed);
    }
}
