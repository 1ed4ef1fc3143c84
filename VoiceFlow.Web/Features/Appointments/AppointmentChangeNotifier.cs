using VoiceFlow.Web.Features.Live;

namespace VoiceFlow.Web.Features.Appointments;

/// <summary>A business's appointments changed: booked by phone or by staff, moved, cancelled.</summary>
public sealed class AppointmentChangeNotifier(IServiceProvider services, TimeProvider time, ILogger<AppointmentChangeNotifier> logger)
    : BusinessChangeNotifier("vf:appointments", services, time, logger);
