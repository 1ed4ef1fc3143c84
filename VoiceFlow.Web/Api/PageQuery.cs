namespace VoiceFlow.Web.Api;

/// <summary>Paging of every list: <c>?page=</c> (from 1) and <c>?pageSize=</c> (1 to 100, 25 by default).</summary>
public readonly record struct PageQuery(int Page, int PageSize)
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    /// <summary>Zero-based page for the read services.</summary>
    public int Index => Page - 1;

    public static PageQuery From(int? page, int? pageSize, Dictionary<string, string[]> errors)
    {
        var p = page ?? 1;
        var size = pageSize ?? DefaultPageSize;
        if (p < 1)
        {
            errors["page"] = ["page starts at 1."];
        }
        if (size is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"pageSize must be between 1 and {MaxPageSize}."];
        }
        return new PageQuery(Math.Max(1, p), Math.Clamp(size, 1, MaxPageSize));
    }
}
