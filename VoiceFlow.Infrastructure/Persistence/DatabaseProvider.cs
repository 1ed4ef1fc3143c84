namespace VoiceFlow.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
