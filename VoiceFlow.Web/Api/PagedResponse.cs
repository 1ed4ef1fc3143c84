using Microsoft.AspNetCore.WebUtilities;

namespace VoiceFlow.Web.Api;

/// <summary>One page of a list: the items, the total that matched, and the link to the next page (null on the last).</summary>
public sealed record PagedResponse<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total, string? Next);

/// <summary>Builds a <see cref="PagedResponse{T}"/> with its next link (the same query, the next page).</summary>
internal static class PagedResponse
{
    public static PagedResponse<T> Create<T>(HttpRequest request, IReadOnlyList<T> items, PageQuery paging, int total)
    {
        string? next = null;
        if ((long)paging.Page * paging.PageSize < total)
        {
            var query = QueryHelpers.ParseQuery(request.QueryString.Value)
                .Where(q => !string.Equals(q.Key, "page", StringComparison.OrdinalIgnoreCase))
                .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
                .Append(new KeyValuePair<string, string?>("page", (paging.Page + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            next = QueryHelpers.AddQueryString(request.PathBase + request.Path, query);
        }
        return new PagedResponse<T>(items, paging.Page, paging.PageSize, total, next);
    }
}
