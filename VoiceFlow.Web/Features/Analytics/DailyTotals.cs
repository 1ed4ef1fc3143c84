using System.Globalization;
using VoiceFlow.Domain.Analytics;

namespace VoiceFlow.Web.Features.Analytics;

/// <summary>Adds days of <see cref="DailyFigures"/> into a period, and turns the sums into headline figures.</summary>
public static class DailyTotals
{
    public static DailyFigures Sum(IEnumerable<DailyFigures> days)
    {
        var t = new DailyFigures();
        foreach (var d in days)
        {
            t = t with
            {
                Calls = t.Calls + d.Calls,
                CallsBooked = t.CallsBooked + d.CallsBooked,
                CallsRescheduled = t.CallsRescheduled + d.CallsRescheduled,
                CallsCancelled = t.CallsCancelled + d.CallsCancelled,
                CallsInformation = t.CallsInformation + d.CallsInformation,
                CallsTransferred = t.CallsTransferred + d.CallsTransferred,
                CallsVoicemail = t.CallsVoicemail + d.CallsVoicemail,
                CallsAbandoned = t.CallsAbandoned + d.CallsAbandoned,
                CallsFailed = t.CallsFailed + d.CallsFailed,
                CallsFrench = t.CallsFrench + d.CallsFrench,
                TimedCalls = t.TimedCalls + d.TimedCalls,
                TotalCallSeconds = t.TotalCallSeconds + d.TotalCallSeconds,
                BilledMinutes = t.BilledMinutes + d.BilledMinutes,
                Appointments = t.Appointments + d.Appointments,
                AppointmentsCancelled = t.AppointmentsCancelled + d.AppointmentsCancelled,
                Completed = t.Completed + d.Completed,
                NoShows = t.NoShows + d.NoShows,
                CompletedRevenue = t.CompletedRevenue + d.CompletedRevenue,
                NewCustomerAppointments = t.NewCustomerAppointments + d.NewCustomerAppointments,
                ReturningCustomerAppointments = t.ReturningCustomerAppointments + d.ReturningCustomerAppointments,
                SmsSent = t.SmsSent + d.SmsSent,
                SmsConfirmations = t.SmsConfirmations + d.SmsConfirmations,
                SmsReminders = t.SmsReminders + d.SmsReminders,
                SmsSegments = t.SmsSegments + d.SmsSegments,
                SmsReplies = t.SmsReplies + d.SmsReplies,
                SmsReplySegments = t.SmsReplySegments + d.SmsReplySegments,
            };
        }
        return t;
    }

    public static PeriodFigures Period(DailyFigures t) =>
        new(t.Calls, t.CallsBooked, t.TimedCalls == 0 ? 0 : (double)t.TotalCallSeconds / t.TimedCalls, t.Appointments, t.NoShows, t.Completed, t.CompletedRevenue)
        {
            HandledCalls = t.CallsBooked + t.CallsRescheduled + t.CallsCancelled + t.CallsInformation,
            BilledMinutes = t.BilledMinutes,
            NewCustomers = t.NewCustomerAppointments,
            ReturningCustomers = t.ReturningCustomerAppointments,
            SmsSent = t.SmsSent,
            SmsConfirmations = t.SmsConfirmations,
            SmsReminders = t.SmsReminders,
            SmsSegments = t.SmsSegments,
            SmsReplies = t.SmsReplies,
            SmsReplySegments = t.SmsReplySegments,
        };

    /// <summary>The 24 hourly counts of <see cref="DailyFigures.HourlyCalls"/> (zeros when empty).</summary>
    public static int[] Hours(string hourly)
    {
        var hours = new int[24];
        if (string.IsNullOrEmpty(hourly))
        {
            return hours;
        }
        var parts = hourly.Split(',');
        for (var i = 0; i < Math.Min(24, parts.Length); i++)
        {
            hours[i] = int.Parse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture);
        }
        return hours;
    }
}
