using VoiceFlow.Domain.Appointments;
using VoiceFlow.Domain.Businesses;
using VoiceFlow.Domain.Scheduling;

namespace VoiceFlow.Domain.Tests.Scheduling;

/// <summary>Builds a business's schedule out of real domain entities and snapshots it.</summary>
internal sealed class ScheduleBuilder
{
    public ScheduleBuilder(string timeZoneId = "America/Toronto")
    {
        TimeZoneId = timeZoneId;
    }

    public Guid BusinessId { get; } = Guid.NewGuid();
    public string TimeZoneId { get; set; }
    public BookingPolicy Policy { get; set; } = new(15, 0, 90, null);
    public List<WeeklyHours> Hours { get; } = [];
    public List<Closure> Closures { get; } = [];
    public List<Service> Services { get; } = [];
    public List<StaffMember> Staff { get; } = [];
    public List<Appointment> Appointments { get; } = [];
    public List<ExternalBusyTime> BusyTimes { get; } = [];

    /// <summary>Monday to Friday 9:00-12:00 and 13:00-17:00 (lunch break).</summary>
    public static ScheduleBuilder WeekdaysWithLunch(string timeZoneId = "America/Toronto")
    {
        var builder = new ScheduleBuilder(timeZoneId);
        foreach (var day in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday })
        {
            builder.Open(day, 9, 0, 12, 0).Open(day, 13, 0, 17, 0);
        }
        return builder;
    }

    /// <summary>Open every day 00:00-23:59: lets tests look at the small hours where DST happens.</summary>
    public static ScheduleBuilder AroundTheClock(string timeZoneId)
    {
        var builder = new ScheduleBuilder(timeZoneId);
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            builder.Open(day, 0, 0, 23, 59);
        }
        return builder;
    }

    public ScheduleBuilder Open(DayOfWeek day, int openHour, int openMinute, int closeHour, int closeMinute)
    {
        Hours.Add(new WeeklyHours(day, new TimeOnly(openHour, openMinute), new TimeOnly(closeHour, closeMinute)));
        return this;
    }

    public Service AddService(string name, int minutes, int bufferBefore = 0, int bufferAfter = 0)
    {
        var service = new Service(BusinessId, name, TimeSpan.FromMinutes(minutes), 50m);
        service.ChangeBuffers(TimeSpan.FromMinutes(bufferBefore), TimeSpan.FromMinutes(bufferAfter));
        Services.Add(service);
        return service;
    }

    public StaffMember AddStaff(string name, params WeeklyHours[] hours)
    {
        var staff = new StaffMember(BusinessId, name);
        staff.SetWorkingHours(hours);
        Staff.Add(staff);
        return staff;
    }

    public Appointment Book(StaffMember staff, Service service, DateTime startUtc)
    {
        var appointment = Appointment.Book(BusinessId, Guid.NewGuid(), service.Id, staff.Id,
            startUtc, startUtc + service.Duration, AppointmentSource.Portal, startUtc.AddDays(-30));
        Appointments.Add(appointment);
        return appointment;
    }

    public ExternalBusyTime Busy(StaffMember staff, DateTime startUtc, DateTime endUtc)
    {
        var busy = new ExternalBusyTime(BusinessId, staff.Id, startUtc, endUtc, "google", Guid.NewGuid().ToString());
        BusyTimes.Add(busy);
        return busy;
    }

    public Closure Close(DateOnly from, DateOnly to, StaffMember? staff = null)
    {
        var closure = new Closure(BusinessId, from, to, "Holiday", staff?.Id);
        Closures.Add(closure);
        return closure;
    }

    /// <summary>A UTC instant for a local wall time in this business's zone (earlier occurrence in an overlap).</summary>
    public DateTime Local(int year, int month, int day, int hour, int minute = 0) =>
        BusinessTimeZone.ToUtc(TimeZoneId, new DateOnly(year, month, day), new TimeOnly(hour, minute)).Utc
            ?? throw new InvalidOperationException("That local time does not exist.");

    public SchedulingSnapshot Build() =>
        SchedulingSnapshot.Create(TimeZoneId, Policy, Hours, Closures, Services, Staff, Appointments, BusyTimes);

    /// <summary>As the web layer loads it: only the bookings that start before <paramref name="untilUtc"/>, and it says so.</summary>
    public SchedulingSnapshot BuildLoadedUntil(DateTime untilUtc) =>
        SchedulingSnapshot.FromBookedTimes(TimeZoneId, Policy, Hours, Closures, Services, Staff,
            Appointments.Where(a => a.IsActive && a.StartUtc < untilUtc).Select(BookedTime.Of)
                .Concat(BusyTimes.Where(b => b.StartUtc < untilUtc).Select(BookedTime.Of)), untilUtc);
}
