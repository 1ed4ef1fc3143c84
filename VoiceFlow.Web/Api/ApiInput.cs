using System.Globalization;
using VoiceFlow.Domain.Common;

namespace VoiceFlow.Web.Api;

/// <summary>Parsing of query values the API takes as text, with a validation message instead of an exception.</summary>
internal static class ApiInput
{
    public const int MaxSearchLength = 100;

    public static DateOnly? Date(string? text, string name, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        errors[name] = [$"{name} must be a date like 2026-03-15."];
        return null;
    }

    public static TEnum? Enum<TEnum>(string? text, string name, Dictionary<string, string[]> errors)
        where TEnum : struct, System.Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (System.Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value) && !text.Any(char.IsDigit))
        {
            return value;
        }
        errors[name] = [$"{name} must be one of: {string.Join(", ", System.Enum.GetNames<TEnum>())}."];
        return null;
    }

    public static string? Search(string? text, string name, Dictionary<string, string[]> errors)
    {
        if (text is { Length: > MaxSearchLength })
        {
            errors[name] = [$"{name} can have at most {MaxSearchLength} characters."];
            return null;
        }
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    public static string? Language(string? text, string name, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (Domain.Common.Language.IsSupported(text))
        {
            return text;
        }
        errors[name] = [$"{name} must be {Domain.Common.Language.English} or {Domain.Common.Language.French}."];
        return null;
    }

    /// <summary>
    /// The name of a text argument (or a string property of a request body) holding a NUL character, which no database column can
    /// store (PostgreSQL refuses it); null when there is none.
    /// </summary>
    public static string? FieldWithNul(IEnumerable<object?> arguments)
    {
        foreach (var argument in arguments)
        {
            switch (argument)
            {
                case string text when text.Contains('\0', StringComparison.Ordinal):
                    return "query";
                case null or string or HttpContext or HttpRequest or System.Security.Claims.ClaimsPrincipal or CancellationToken:
                    continue;
            }
            var type = argument.GetType();
            if (type.Namespace is not ("VoiceFlow.Web.Api" or "Microsoft.AspNetCore.Identity.Data"))
            {
                continue;
            }
            foreach (var property in type.GetProperties().Where(p => p.PropertyType == typeof(string) && p.GetIndexParameters().Length == 0))
            {
                if (property.GetValue(argument) is string value && value.Contains('\0', StringComparison.Ordinal))
                {
                    return char.ToLowerInvariant(property.Name[0]) + property.Name[1..];
                }
            }
        }
        return null;
    }

    public static void MaxLength(string? text, int max, string name, Dictionary<string, string[]> errors)
    {
        if (text is not null && text.Length > max)
        {
            errors[name] = [$"{name} can have at most {max} characters."];
        }
    }
}
