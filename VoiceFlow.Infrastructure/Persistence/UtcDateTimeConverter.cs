using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace VoiceFlow.Infrastructure.Persistence;

/// <summary>Instants are stored and read back as UTC (SQLite forgets the kind).</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
