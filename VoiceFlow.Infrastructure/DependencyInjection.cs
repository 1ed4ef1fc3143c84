using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using StackExchange.Redis;
using VoiceFlow.Infrastructure.Configuration;
using VoiceFlow.Infrastructure.Identity;
using VoiceFlow.Infrastructure.Persistence;
using VoiceFlow.Infrastructure.Sessions;
using VoiceFlow.Infrastructure.Tenancy;

namespace VoiceFlow.Infrastructure;

public static class DependencyInjection
{
    /// <summary>
    /// Database (SQLite by default, PostgreSQL when <c>ConnectionStrings:Postgres</c> is set), call sessions
    /// (in memory by default, Redis when <c>ConnectionStrings:Redis</c> is set), Identity stores and Data Protection keys.
    /// </summary>
    public static IHostApplicationBuilder AddVoiceFlowInfrastructure(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);

        var (provider, connectionString) = ResolveDatabase(builder.Configuration, builder.Environment);
        services.AddSingleton(sp => new DatabaseOptionsHolder(provider, connectionString, sp.GetRequiredService<ILoggerFactory>()));
        services.AddScoped<CurrentTenant>();
        services.AddScoped<ICurrentTenant>(sp => sp.GetRequiredService<CurrentTenant>());
        services.AddScoped<IDbContextFactory<VoiceFlowDbContext>, VoiceFlowDbContextFactory>();
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<VoiceFlowDbContext>>().CreateDbContext());
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<CallTranscriptWriter>();
        services.AddHostedService<DatabaseMigrationHostedService>();

        services.AddIdentityCore<ApplicationUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = false;
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 8;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<VoiceFlowDbContext>()
            .AddClaimsPrincipalFactory<VoiceFlowClaimsPrincipalFactory>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        var redisConnection = builder.Configuration.GetConnectionString("Redis");
        var dataProtection = services.AddDataProtection().SetApplicationName("VoiceFlow");
        if (!string.IsNullOrWhiteSpace(redisConnection))
        {
            ConfigurationOptions redisOptions;
            try
            {
                redisOptions = ConfigurationOptions.Parse(redisConnection);
            }
            catch (ArgumentException ex)
            {
                throw new ConfigurationException("ConnectionStrings:Redis", $"malformed connection string: {ex.Message}", ex);
            }
            redisOptions.AbortOnConnectFail = false;
            var multiplexer = new Lazy<IConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(redisOptions), LazyThreadSafetyMode.ExecutionAndPublication);
            services.AddSingleton(_ => multiplexer.Value);
            services.AddSingleton<ICallSessionStore, RedisCallSessionStore>();
            dataProtection.PersistKeysToStackExchangeRedis(() => multiplexer.Value.GetDatabase(), "vf:dataprotection-keys");
        }
        else
        {
            services.AddSingleton<ICallSessionStore, InMemoryCallSessionStore>();
            dataProtection.PersistKeysToDbContext<VoiceFlowDbContext>();
        }

        return builder;
    }

    /// <summary>Which database, from configuration; a malformed string stops start-up naming its key.</summary>
    public static (DatabaseProvider Provider, string ConnectionString) ResolveDatabase(IConfiguration configuration, IHostEnvironment environment)
    {
        var postgres = configuration.GetConnectionString("Postgres");
        if (!string.IsNullOrWhiteSpace(postgres))
        {
            try
            {
                var csb = new NpgsqlConnectionStringBuilder(postgres);
                if (string.IsNullOrWhiteSpace(csb.Host))
                {
                    throw new ConfigurationException("ConnectionStrings:Postgres", "no Host is given.");
                }
                // Measured on this class of machine: a small pool and prepared statements beat the defaults.
                if (!postgres.Contains("Pool Size", StringComparison.OrdinalIgnoreCase))
                {
                    csb.MaxPoolSize = 32;
                }
                if (!postgres.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
                {
                    csb.MaxAutoPrepare = 64;
                }
                if (!postgres.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase))
                {
                    csb.NoResetOnClose = true;
                }
                // Commands from concurrent requests share few connections (webhooks are short statements). Work that
                // needs a session of its own (migrations, Hangfire's locks) uses DatabaseOptionsHolder.DirectConnectionString.
                if (!postgres.Contains("Multiplexing", StringComparison.OrdinalIgnoreCase))
                {
                    csb.Multiplexing = true;
                }
                return (DatabaseProvider.Postgres, csb.ConnectionString);
            }
            catch (ArgumentException ex)
            {
                throw new ConfigurationException("ConnectionStrings:Postgres", $"malformed connection string: {ex.Message}", ex);
            }
        }

        var sqlite = configuration.GetConnectionString("Sqlite");
        if (string.IsNullOrWhiteSpace(sqlite))
        {
            sqlite = "Data Source=" + Path.Combine(environment.ContentRootPath, "App_Data", "voiceflow.db");
        }
        try
        {
            var csb = new SqliteConnectionStringBuilder(sqlite);
            if (string.IsNullOrWhiteSpace(csb.DataSource))
            {
                throw new ConfigurationException("ConnectionStrings:Sqlite", "no Data Source is given.");
            }
            if (csb.DefaultTimeout < 30)
            {
                csb.DefaultTimeout = 30;
            }
            return (DatabaseProvider.Sqlite, csb.ConnectionString);
        }
        catch (ArgumentException ex)
        {
            throw new ConfigurationException("ConnectionStrings:Sqlite", $"malformed connection string: {ex.Message}", ex);
        }
    }
}
