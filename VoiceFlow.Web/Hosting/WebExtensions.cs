using System.Globalization;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using MudBlazor;
using MudBlazor.Services;
using VoiceFlow.Infrastructure.Identity;
using VoiceFlow.Infrastructure.Persistence;
using VoiceFlow.Web.Api;
using VoiceFlow.Web.Components;
using VoiceFlow.Web.Components.Account;
using VoiceFlow.Web.Features.Analytics;
using VoiceFlow.Web.Features.CalendarSync;
using VoiceFlow.Web.Features.Demo;
using VoiceFlow.Web.Features.Health;
using VoiceFlow.Web.Features.Messaging;
using VoiceFlow.Web.Features.Privacy;
using VoiceFlow.Web.Resources;

namespace VoiceFlow.Web.Hosting;

public static class WebExtensions
{
    public static readonly CultureInfo[] SupportedCultures = [new("en-CA"), new("fr-CA")];

    /// <summary>The culture of a request that asks for none.</summary>
    private static CultureInfo DefaultCulture => SupportedCultures[0];

    /// <summary>Everything the web process needs: portal, auth, options, jobs, features.</summary>
    public static IHostApplicationBuilder AddVoiceFlowWeb(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddVoiceFlowObservability();

        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(config =>
        {
            config.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            config.SnackbarConfiguration.PreventDuplicates = true;
            config.SnackbarConfiguration.VisibleStateDuration = 4000;
        });
        services.AddTransient<MudLocalizer, PortalMudLocalizer>();
        services.AddLocalization();
        services.AddHttpContextAccessor();

        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddScoped<CircuitHandler, TenantCircuitHandler>();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(o =>
            {
                o.LoginPath = "/Account/Login";
                o.AccessDeniedPath = "/Account/AccessDenied";
                o.Cookie.Name = "vf.auth";
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
            }));
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Owner, p => p.RequireRole(Roles.Owner, Roles.PlatformAdmin))
            .AddPolicy(Policies.PlatformAdmin, p => p.RequireRole(Roles.PlatformAdmin));

        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            // Behind a TLS-terminating proxy the app cannot know its proxies' addresses in advance.
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
        });

        services.AddScoped<DemoSeeder>();
        services.AddScoped<VolumeSeeder>();
        services.AddPortalFeatures();
        services.AddVoiceFeatures();
        services.AddMessaging();
        services.AddAnalytics();
        services.AddCalendarSync();
        services.AddPrivacy();
        services.AddHostedService<DatabaseInitializer>();
        services.AddVoiceFlowJobs();
        services.AddHealthEndpoints();
        services.AddVoiceFlowApi();
        services.AddVoiceFlowRateLimiting();
        return builder;
    }

    private static void AddVoiceFlowJobs(this IServiceCollection services)
    {
        // This app's own storage and job activator, registered before AddHangfire (which only adds them when missing):
        // Hangfire's defaults are the process-wide JobStorage.Current and JobActivator.Current, which the last app to
        // start in a process overwrites, so a second app in the same process (as in the tests) would enqueue into, and
        // build its jobs from, the other app's database and services.
        services.AddSingleton<JobStorage>(sp =>
        {
            var database = sp.GetRequiredService<DatabaseOptionsHolder>();
            if (database.Provider != DatabaseProvider.Postgres)
            {
                return new Hangfire.InMemory.InMemoryStorage();
            }
            var options = new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = true, QueuePollInterval = TimeSpan.FromSeconds(5) };
            return new PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(database.DirectConnectionString, options), options);
        });
        services.AddSingleton<JobActivator>(sp => new Hangfire.AspNetCore.AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, config) => config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseLogProvider(new HangfireLogging(sp.GetRequiredService<ILoggerFactory>()))
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        services.AddHangfireServer(o =>
        {
            o.ShutdownTimeout = TimeSpan.FromSeconds(2);
            o.WorkerCount = Math.Max(2, Environment.ProcessorCount);
            o.SchedulePollingInterval = TimeSpan.FromSeconds(5);
        });
    }

    /// <summary>The request pipeline and every endpoint.</summary>
    public static WebApplication UseVoiceFlowWeb(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseWebhookTiming();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
        }
        app.UseMiddleware<SecurityHeaders>();
        app.UseTwilioWebhookLane(DefaultCulture);
        // Routing after the Twilio lane: the webhook endpoints short-circuit here, everything else goes on.
        app.UseRouting();
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(DefaultCulture),
            SupportedCultures = SupportedCultures,
            SupportedUICultures = SupportedCultures,
        });
        // Friendly pages for people (a page asked for with GET); webhooks, the API and other machine callers (Google's
        // push notifications) keep their status codes as they are. Registered on the app itself, not in a branch: only
        // there does the re-execution route again (a branch has no global route builder, so an unknown address ran on
        // without an endpoint and answered an empty 404).
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.Use((context, next) =>
        {
            var request = context.Request;
            var forPeople = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
                && !request.Path.StartsWithSegments("/twilio") && !request.Path.StartsWithSegments("/api");
            if (!forPeople && context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
            {
                statusCodePages.Enabled = false;
            }
            return next(context);
        });
        app.UseVoiceFlowApi();
        app.UseAuthentication();
        app.UseMiddleware<TenantMiddleware>();
        app.UseVoiceFlowRateLimiting();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapHealthEndpoints();
        app.MapMetricsEndpoint();
        app.MapVoiceEndpoints();
        app.MapSmsWebhooks();
        app.MapVoiceFlowApi();
        app.MapCalendarSyncEndpoints();
        app.MapPrivacyEndpoints();
        app.UseRecurringJobs();
        app.MapCultureEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAdditionalIdentityEndpoints();
        return app;
    }
}
