using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace VoiceFlow.Infrastructure.Calendar;

/// <summary>
/// The few Calendar v3 endpoints VoiceFlow uses (calendarList, events list/insert/patch/delete/watch, channels.stop),
/// typed and small, because Google.Apis.Calendar.v3 is not available. Each call carries the connection's access
/// token; errors become <see cref="GoogleApiException"/>. Short retries for 429/5xx come from the resilience handler
/// registered with the HttpClient.
/// </summary>
public sealed class GoogleCalendarClient(HttpClient http, IOptionsMonitor<GoogleOptions> options)
{
    public const string AppointmentIdProperty = "voiceflowAppointmentId";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public async Task<IReadOnlyList<GoogleCalendarEntry>> ListCalendarsAsync(string accessToken, CancellationToken cancellationToken)
    {
        var result = new List<GoogleCalendarEntry>();
        string? pageToken = null;
        do
        {
            var url = "users/me/calendarList?maxResults=250" + (pageToken is null ? "" : "&pageToken=" + Uri.EscapeDataString(pageToken));
            var page = await SendAsync<CalendarListPage>(HttpMethod.Get, url, accessToken, null, cancellationToken);
            result.AddRange(page?.Items ?? []);
            pageToken = page?.NextPageToken;
        }
        while (pageToken is not null);
        return result;
    }

    /// <summary>One page of events: incremental with <paramref name="syncToken"/>, or a full sync from <paramref name="timeMinUtc"/>.</summary>
    public async Task<GoogleEventPage> ListEventsAsync(string accessToken, string calendarId, string? syncToken, string? pageToken,
        DateTime? timeMinUtc, CancellationToken cancellationToken, string? appointmentId = null, int maxResults = 250)
    {
        var query = new List<string> { "singleEvents=true", "showDeleted=true", "maxResults=" + maxResults.ToString(CultureInfo.InvariantCulture) };
        if (syncToken is not null)
        {
            query.Add("syncToken=" + Uri.EscapeDataString(syncToken));
        }
        else if (timeMinUtc is { } min)
        {
            query.Add("timeMin=" + Uri.EscapeDataString(min.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));
        }
        if (appointmentId is not null)
        {
            query.Add("privateExtendedProperty=" + Uri.EscapeDataString(AppointmentIdProperty + "=" + appointmentId));
        }
        if (pageToken is not null)
        {
            query.Add("pageToken=" + Uri.EscapeDataString(pageToken));
        }
        return await SendAsync<GoogleEventPage>(HttpMethod.Get, $"calendars/{Escape(calendarId)}/events?{string.Join('&', query)}", accessToken, null, cancellationToken)
               ?? new GoogleEventPage();
    }

    public async Task<GoogleEvent> InsertEventAsync(string accessToken, string calendarId, GoogleEvent body, CancellationToken cancellationToken) =>
        (await SendAsync<GoogleEvent>(HttpMethod.Post, $"calendars/{Escape(calendarId)}/events", accessToken, body, cancellationToken))!;

    public async Task<GoogleEvent> PatchEventAsync(string accessToken, string calendarId, string eventId, GoogleEvent body, CancellationToken cancellationToken) =>
        (await SendAsync<GoogleEvent>(HttpMethod.Patch, $"calendars/{Escape(calendarId)}/events/{Escape(eventId)}", accessToken, body, cancellationToken))!;

    public Task DeleteEventAsync(string accessToken, string calendarId, string eventId, CancellationToken cancellationToken) =>
        SendAsync<JsonElement?>(HttpMethod.Delete, $"calendars/{Escape(calendarId)}/events/{Escape(eventId)}", accessToken, null, cancellationToken);

    public async Task<GoogleChannel> WatchEventsAsync(string accessToken, string calendarId, string channelId, Uri address, string token, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var body = new
        {
            id = channelId, type = "web_hook", address = address.ToString(), token,
            @params = new { ttl = ((long)ttl.TotalSeconds).ToString(CultureInfo.InvariantCulture) },
        };
        return (await SendAsync<GoogleChannel>(HttpMethod.Post, $"calendars/{Escape(calendarId)}/events/watch", accessToken, body, cancellationToken))!;
    }

    public Task StopChannelAsync(string accessToken, string channelId, string resourceId, CancellationToken cancellationToken) =>
        SendAsync<JsonElement?>(HttpMethod.Post, "channels/stop", accessToken, new { id = channelId, resourceId }, cancellationToken);

    private async Task<T?> SendAsync<T>(HttpMethod method, string relative, string accessToken, object? body, CancellationToken cancellationToken)
    {
        var baseUrl = new Uri(options.CurrentValue.ApiBaseUrl, "calendar/v3/");
        using var request = new HttpRequestMessage(method, new Uri(baseUrl, relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        }
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            if (response.StatusCode == HttpStatusCode.NoContent || response.Content.Headers.ContentLength == 0)
            {
                return default;
            }
            return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken);
        }
        throw await ErrorAsync(response, cancellationToken);
    }

    private static async Task<GoogleApiException> ErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string? reason = null;
        var message = response.ReasonPhrase ?? "";
        try
        {
            var error = await response.Content.ReadFromJsonAsync<ErrorEnvelope>(Json, cancellationToken);
            reason = error?.Error?.Errors?.FirstOrDefault()?.Reason;
            message = error?.Error?.Message ?? message;
        }
        catch (JsonException)
        {
        }
        catch (NotSupportedException)
        {
        }
        var retryAfter = response.Headers.RetryAfter?.Delta;
        return new GoogleApiException(response.StatusCode, reason, message, retryAfter);
    }

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    private sealed class CalendarListPage
    {
        public List<GoogleCalendarEntry> Items { get; set; } = [];
        public string? NextPageToken { get; set; }
    }

    private sealed class ErrorEnvelope
    {
        public ErrorBody? Error { get; set; }
    }

    private sealed class ErrorBody
    {
        public int Code { get; set; }
        public string? Message { get; set; }
        public List<ErrorItem>? Errors { get; set; }
    }

    private sealed class ErrorItem
    {
        public string? Reason { get; set; }
        public string? Message { get; set; }
    }
}
