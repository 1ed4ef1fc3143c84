using System.Text.Json;

namespace VoiceFlow.Web.Features.Audit;

/// <summary>One field of a before/after pair, for the diff view.</summary>
public sealed record AuditDiffLine(string Field, string? Before, string? After)
{
    public bool Changed => Before != After;

    /// <summary>Field by field when both sides are JSON objects; otherwise one line with the raw texts.</summary>
    public static IReadOnlyList<AuditDiffLine> Compare(string? before, string? after)
    {
        var left = Flatten(before);
        var right = Flatten(after);
        if (left is null || right is null)
        {
            return before is null && after is null ? [] : [new AuditDiffLine("", before, after)];
        }
        return left.Keys.Union(right.Keys)
            .Select(k => new AuditDiffLine(k, left.GetValueOrDefault(k), right.GetValueOrDefault(k)))
            .ToList();
    }

    private static Dictionary<string, string?>? Flatten(string? json)
    {
        if (json is null)
        {
            return [];
        }
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => p.Value.GetString(),
                _ => p.Value.GetRawText(),
            });
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
