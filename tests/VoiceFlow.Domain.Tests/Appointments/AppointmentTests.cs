using VoiceFlow.Domain.Appointments;
using VoiceFlow.Domain.Common;

namespace VoiceFlow.Domain.Tests.Appointments;

public class AppointmentTests
{
    private static readonly DateTime Now = new(2026, 11, 24, 15, 0, 0, DateTimeKind.Utc);

    private static Appointment NewAppointment(DateTime? start = null)
    {
        var s = start ?? Now.AddDays(1);
        return Appointment.Book(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), s, s.AddMinutes(60), AppointmentSource.Portal, Now);
    }

    [Fact]
    public void Book_InFuture_IsBookedAndActive()
    {
        var appointment = NewAppointment();
        Assert.Equal(AppointmentStatus.Booked, appointment.Status);
        Assert.True(appointment.IsActive);
    }

    [Fact]
    public void Book_EndBeforeStart_Throws()
    {
        var ex = Assert.Throws<DomainException>(() => Appointment.Book(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
            Now.AddHours(2), Now.AddHours(1), AppointmentSource.Portal, Now));
        Assert.Equal("appointment.end_before_start", ex.Code);
    }

    [Fact]
    public void Book_InPast_Throws()
    {
        var ex = Assert.Throws<DomainException>(() => NewAppointment(Now.AddHours(-1)));
        Assert.Equal("appointment.in_past", ex.Code);
    }

    [Fact]
    public void Reschedule_Cancelled_Throws()
    {
        var appointment = NewAppointment();
        appointment.Cancel("sick", Now);
        var ex = Assert.Throws<DomainException>(() => appointment.Reschedule(Now.AddDays(2), Now.AddDays(2).AddHours(1), Now));
        Assert.Equal("appointment.not_active", ex.Code);
        Assert.Contains("cancelled appointment cannot be rescheduled", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reschedule_Confirmed_GoesBackToBooked()
    {
        var appointment = NewAppointment();
        appointment.Confirm(Now);
        appointment.Reschedule(Now.AddDays(3), Now.AddDays(3).AddHours(1), Now);
        Assert.Equal(AppointmentStatus.Booked, appointment.Status);
        Assert.Equal(Now.AddDays(3), appointment.StartUtc);
    }

    [Fact]
    public void Complete_BeforeStart_Throws()
    {
        var appointment = NewAppointment();
        Assert.Throws<DomainException>(() => appointment.Complete(Now));
    }

    [Fact]
    public void NoShow_AfterStart_IsFinal()
    {
        var appointment = NewAppointment();
        var later = Now.AddDays(1).AddMinutes(30);
        appointment.MarkNoShow(later);
        Assert.Equal(AppointmentStatus.NoShow, appointment.Status);
        Assert.False(appointment.IsActive);
        Assert.Throws<DomainException>(() => appointment.Cancel(null, later));
    }
}
