using NodaTime;
using VoiceFlow.Domain.Appointments;
using VoiceFlow.Domain.Businesses;
using VoiceFlow.Domain.Scheduling;

namespace VoiceFlow.Domain.Tests.Scheduling;

/// <summary>
/// Random schedules (seeded, so a failure names its seed) checked against a deliberately naive
/// oracle written straight from the rules: every minute of a slot on the wall clock, every
/// appointment compared one by one, NodaTime mapping each grid time.
/// </summary>
public class AvailabilityPropertyTests
{
    private const int Iterations = 300;
    private static readonly string[] Zones = ["America/Toronto", "America/Vancouver", "America/Halifax", "America/St_Johns"];
    private static readonly DateTime[] Bases =
    [
        new(2026, 3, 6, 12, 0, 0, DateTimeKind.Utc),   // two days before spring forward
        new(2026, 10, 30, 12, 0, 0, DateTimeKind.Utc), // two days before fall back
        new(2026, 6, 10, 12, 0, 0, DateTimeKind.Utc),
        new(2026, 12, 28, 12, 0, 0, DateTimeKind.Utc), // across new year
    ];

    [Fact]
    public void FindSlots_RandomSchedules_MatchNaiveOracleExactly()
    {
        var checkedSlots = 0;
        for (var seed = 0; seed < Iterations; seed++)
        {
            checkedSlots += RunOne(seed);
        }
        Assert.True(checkedSlots > 1000, $"Only {checkedSlots} slots were generated; the generator is too stingy to prove much.");
    }

    private static int RunOne(int seed)
    {
        var random = new Random(seed);
        var world = World.Generate(random);
        var snapshot = world.Builder.Build();
        var service = world.Builder.Services[random.Next(world.Builder.Services.Count)];
        Guid? staffId = random.Next(3) == 0 ? world.Builder.Staff[random.Next(world.Builder.Staff.Count)].Id : null;
        var query = new SlotQuery(service.Id, staffId, world.Now);
        var from = world.Now.AddMinutes(random.Next(-1440, 1440));
        var to = from.AddMinutes(random.Next(60, 6 * 1440));

        var result = AvailabilityEngine.FindSlots(snapshot, query, from, to);
        var candidates = world.Builder.Staff
            .Where(s => (staffId is null || s.Id == staffId) && s.IsActive && s.Performs(service.Id))
            .ToList();
        if (!service.IsActive || (staffId is not null && candidates.Count == 0) || (staffId is null && candidates.Count == 0))
        {
            Assert.False(result.IsSuccess, $"seed {seed}: expected an error, got {result.Slots.Count} slots");
            return 0;
        }
        Assert.True(result.IsSuccess, $"seed {seed}: {result.Error}");

        var oracle = new Oracle(world, service);
        var slots = result.Slots;
        for (var i = 0; i < slots.Count; i++)
        {
            var slot = slots[i];
            var context = $"seed {seed} ({world.Builder.TimeZoneId}): slot {slot}";
            Assert.True(slot.StartUtc >= from && slot.StartUtc < to, context + " outside the window");
            Assert.True(i == 0 || slots[i - 1].StartUtc < slot.StartUtc, context + " out of order");
            Assert.Equal(service.Duration, slot.EndUtc - slot.StartUtc);
            var staff = candidates.SingleOrDefault(s => s.Id == slot.StaffMemberId);
            Assert.True(staff is not null, context + " with a staff member who may not take it");
            var why = oracle.WhyNot(staff, slot.StartUtc);
            Assert.True(why is null, $"{context}: {why}");
            var local = Instant.FromDateTimeUtc(slot.StartUtc).InZone(oracle.Zone);
            Assert.Equal(local.Date.ToDateOnly(), slot.LocalDate);
            Assert.Equal(local.TimeOfDay.ToTimeOnly(), slot.LocalTime);
            Assert.Equal(local.Offset.ToTimeSpan(), slot.UtcOffset);
            // Load balance: nobody free at that time has fewer appointments that day.
            var chosenCount = oracle.CountOnDay(staff, slot.LocalDate);
            Assert.DoesNotContain(candidates, other => other.Id != staff.Id && oracle.WhyNot(other, slot.StartUtc) is null
                && oracle.CountOnDay(other, slot.LocalDate) < chosenCount);
            var check = AvailabilityEngine.CheckSlot(snapshot, query, slot.StartUtc);
            Assert.True(check.IsBookable && check.Slot == slot, $"{context}: CheckSlot says {check.Reason}");
        }

        // Completeness: every grid time the oracle finds free for someone is returned, and nothing else.
        var expected = oracle.GridInstants(from, to)
            .Where(start => candidates.Any(s => oracle.WhyNot(s, start) is null))
            .ToList();
        Assert.True(expected.SequenceEqual(slots.Select(s => s.StartUtc)),
            $"seed {seed} ({world.Builder.TimeZoneId}): oracle {expected.Count} slots, engine {slots.Count}; first difference at "
            + expected.Except(slots.Select(s => s.StartUtc)).Concat(slots.Select(s => s.StartUtc).Except(expected)).FirstOrDefault().ToString("O"));

        // Stopping early gives a prefix.
        var max = random.Next(1, 8);
        var limited = AvailabilityEngine.FindSlots(snapshot, query, from, to, max);
        Assert.Equal(slots.Take(max), limited.Slots);
        return slots.Count;
    }

    private sealed class World
    {
        private World(ScheduleBuilder builder, DateTime now)
        {
            Builder = builder;
            Now = now;
        }

        public ScheduleBuilder Builder { get; }
        public DateTime Now { get; }

        public static World Generate(Random r)
        {
            var builder = new ScheduleBuilder(Zones[r.Next(Zones.Length)])
            {
                Policy = new BookingPolicy(
                    Pick(r, 5, 10, 15, 20, 30, 60),
                    Pick(r, 0, 0, 30, 60, 240, 1440),
                    Pick(r, 0, 1, 3, 7, 14, 90),
                    r.Next(3) == 0 ? Pick(r, 1, 2, 4) : null),
            };
            var now = Bases[r.Next(Bases.Length)].AddMinutes(r.Next(0, 3 * 1440));
            builder.Hours.AddRange(RandomHours(r, 0.85));
            for (var i = r.Next(1, 4); i > 0; i--)
            {
                var service = builder.AddService($"Service {i}", Pick(r, 15, 20, 30, 45, 60, 90), Pick(r, 0, 0, 5, 10, 15), Pick(r, 0, 0, 5, 10, 15));
                if (r.Next(15) == 0)
                {
                    service.Deactivate();
                }
            }
            var today = DateOnly.FromDateTime(now);
            for (var i = r.Next(1, 5); i > 0; i--)
            {
                var staff = builder.AddStaff(Pick(r, "Alice", "Bob", "Chantal", "Dev", "Émilie"), r.Next(3) == 0 ? [] : [.. RandomHours(r, 0.8)]);
                if (r.Next(10) == 0)
                {
                    staff.Deactivate();
                }
                if (r.Next(3) == 0)
                {
                    staff.ChangeServices(builder.Services.Where(_ => r.Next(2) == 0).Select(s => s.Id));
                }
                if (r.Next(4) == 0)
                {
                    var day = today.AddDays(r.Next(-1, 6));
                    builder.Close(day, day.AddDays(r.Next(0, 2)), staff);
                }
                for (var a = r.Next(0, 30); a > 0; a--)
                {
                    var service = builder.Services[r.Next(builder.Services.Count)];
                    var start = now.AddMinutes(r.Next(-2 * 288, 10 * 288) * 5);
                    var appointment = builder.Book(staff, service, start);
                    if (r.Next(5) == 0)
                    {
                        appointment.Cancel(null, start.AddDays(-1));
                    }
                }
                for (var b = r.Next(0, 4); b > 0; b--)
                {
                    var start = now.AddMinutes(r.Next(-288, 8 * 288) * 5);
                    builder.Busy(staff, start, start.AddMinutes(r.Next(1, 48) * 5));
                }
            }
            if (r.Next(4) == 0)
            {
                var day = today.AddDays(r.Next(-1, 6));
                builder.Close(day, day);
            }
            return new World(builder, now);
        }

        private static List<WeeklyHours> RandomHours(Random r, double openProbability)
        {
            var hours = new List<WeeklyHours>();
            foreach (var day in Enum.GetValues<DayOfWeek>())
            {
                if (r.NextDouble() > openProbability)
                {
                    continue;
                }
                switch (r.Next(8))
                {
                    case 0:
                        hours.Add(new WeeklyHours(day, new TimeOnly(0, 0), new TimeOnly(23, 59)));
                        break;
                    case 1:
                        var opens = r.Next(0, 8) * 15;
                        hours.Add(new WeeklyHours(day, Minutes(opens), Minutes(opens + (r.Next(4, 16) * 15))));
                        break;
                    default:
                        var o1 = (7 * 60) + (r.Next(0, 12) * 15);
                        var c1 = o1 + (r.Next(4, 20) * 15);
                        hours.Add(new WeeklyHours(day, Minutes(o1), Minutes(c1)));
                        if (r.Next(2) == 0)
                        {
                            var o2 = c1 + (r.Next(1, 8) * 15);
                            var c2 = Math.Min(o2 + (r.Next(4, 24) * 15), (23 * 60) + 45);
                            hours.Add(new WeeklyHours(day, Minutes(o2), Minutes(c2)));
                        }
                        break;
                }
            }
            return hours;
        }

        private static TimeOnly Minutes(int minutes) => new(minutes / 60, minutes % 60);

        private static T Pick<T>(Random r, params T[] values) => values[r.Next(values.Length)];
    }

    /// <summary>The rules, written the slow and obvious way.</summary>
    private sealed class Oracle
    {
        private readonly World _world;
        private readonly Service _service;

        public Oracle(World world, Service service)
        {
            _world = world;
            _service = service;
            Zone = DateTimeZoneProviders.Tzdb[world.Builder.TimeZoneId];
        }

        public DateTimeZone Zone { get; }

        private BookingPolicy Policy => _world.Builder.Policy;

        public SortedSet<DateTime> GridInstants(DateTime from, DateTime to)
        {
            var first = LocalDate(from).AddDays(-1);
            var last = LocalDate(to).AddDays(1);
            var all = new SortedSet<DateTime>();
            for (var day = first; day <= last; day = day.AddDays(1))
            {
                foreach (var h in _world.Builder.Hours.Where(h => h.Day == day.DayOfWeek))
                {
                    for (var t = h.Opens; t < h.Closes; t = t.AddMinutes(Policy.SlotIntervalMinutes))
                    {
                        var mapping = Zone.MapLocal(NodaTime.LocalDate.FromDateOnly(day) + LocalTime.FromTimeOnly(t));
                        foreach (var instant in mapping.Count == 0 ? [] : new[] { mapping.First().ToDateTimeUtc(), mapping.Last().ToDateTimeUtc() })
                        {
                            if (instant >= from && instant < to)
                            {
                                all.Add(instant);
                            }
                        }
                        if (t.AddMinutes(Policy.SlotIntervalMinutes) < t)
                        {
                            break; // wrapped past midnight
                        }
                    }
                }
            }
            return all;
        }

        public string? WhyNot(StaffMember staff, DateTime start)
        {
            var end = start + _service.Duration;
            if (start < _world.Now.AddMinutes(Policy.MinimumNoticeMinutes))
            {
                return "breaks notice";
            }
            var day = LocalDate(start);
            if (day > LocalDate(_world.Now).AddDays(Policy.MaximumDaysAhead))
            {
                return "past the horizon";
            }
            if (_world.Builder.Closures.Any(c => c.Covers(day) && (c.StaffMemberId is null || c.StaffMemberId == staff.Id)))
            {
                return "on a closed day";
            }
            var staffHours = staff.WorkingHours.Count == 0 ? _world.Builder.Hours : [.. staff.WorkingHours];
            for (var m = start; m < end; m = m.AddMinutes(1))
            {
                var local = Instant.FromDateTimeUtc(m).InZone(Zone);
                var time = local.TimeOfDay.ToTimeOnly();
                if (local.Date.ToDateOnly() != day || !Inside(_world.Builder.Hours, day.DayOfWeek, time))
                {
                    return $"business closed at {m:O}";
                }
                if (!Inside(staffHours, day.DayOfWeek, time))
                {
                    return $"staff not working at {m:O}";
                }
            }
            var holdFrom = start - _service.BufferBefore;
            var holdTo = end + _service.BufferAfter;
            foreach (var a in _world.Builder.Appointments.Where(a => a.IsActive && a.StaffMemberId == staff.Id))
            {
                var other = _world.Builder.Services.Single(s => s.Id == a.ServiceId);
                if (a.StartUtc - other.BufferBefore < holdTo && holdFrom < a.EndUtc + other.BufferAfter)
                {
                    return $"overlaps appointment {a.StartUtc:O}";
                }
            }
            if (_world.Builder.BusyTimes.Any(b => b.StaffMemberId == staff.Id && b.StartUtc < holdTo && holdFrom < b.EndUtc))
            {
                return "overlaps an external busy time";
            }
            if (CountOnDay(staff, day) >= Policy.MaxAppointmentsPerStaffPerDay)
            {
                return "daily limit";
            }
            var grid = _world.Builder.Hours.Single(h => h.Day == day.DayOfWeek && Inside([h], day.DayOfWeek, LocalTimeOf(start)));
            if ((LocalTimeOf(start) - grid.Opens).Ticks % TimeSpan.FromMinutes(Policy.SlotIntervalMinutes).Ticks != 0)
            {
                return "off the grid";
            }
            return null;
        }

        public int CountOnDay(StaffMember staff, DateOnly day) =>
            _world.Builder.Appointments.Count(a => a.IsActive && a.StaffMemberId == staff.Id && LocalDate(a.StartUtc) == day);

        private static bool Inside(IEnumerable<WeeklyHours> hours, DayOfWeek day, TimeOnly time) =>
            hours.Any(h => h.Day == day && time >= h.Opens && time < h.Closes);

        private DateOnly LocalDate(DateTime utc) => Instant.FromDateTimeUtc(utc).InZone(Zone).Date.ToDateOnly();

        private TimeOnly LocalTimeOf(DateTime utc) => Instant.FromDateTimeUtc(utc).InZone(Zone).TimeOfDay.ToTimeOnly();
    }
}
