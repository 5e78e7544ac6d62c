using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using TradeSentinel.Alerting.Suppression;
using TradeSentinel.AnalystConsole.Auth;
using TradeSentinel.AnalystConsole.Board;
using TradeSentinel.AnalystConsole.Decisions;
using TradeSentinel.Infrastructure.Kafka;
using TradeSentinel.Infrastructure.Redis;
using TradeSentinel.Infrastructure.Telemetry;

namespace TradeSentinel.AnalystConsole;

/// <summary>
/// The analyst console as an ASP.NET Core app: the queue and incidents read from the topics, the
/// decisions written to the decision topic and the allowlist in Redis, every page behind sign-in.
/// </summary>
public static class ConsoleApp
{
    /// <summary>The account file shipped beside the binary for <c>--dev</c> (README: the dev accounts).</summary>
    public static string DevAccountsFile => Path.Combine(AppContext.BaseDirectory, "dev-accounts.json");

    /// <param name="overrides">Configuration that wins over the command line (e.g. the embedded broker's address).</param>
    public static WebApplication Build(string[] args, IDictionary<string, string?> overrides)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(overrides);
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        // No request logging: a request line is the only place a page's data could leak into the logs.
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        if (builder.Configuration["urls"] is null) builder.WebHost.UseUrls("http://127.0.0.1:8080");

        var services = builder.Services;
        services.Configure<KafkaOptions>(builder.Configuration.GetSection(KafkaOptions.Section));
        services.Configure<RedisOptions>(builder.Configuration.GetSection(RedisOptions.Section));
        var options = builder.Configuration.GetSection(ConsoleOptions.Section).Get<ConsoleOptions>() ?? new ConsoleOptions();
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<KafkaClients>();
        services.AddSingleton<RedisConnector>();
        services.AddSingleton<SuppressionList>();
        services.AddSingleton<ConsoleBoard>();
        services.AddSingleton<ShadowDiffs>();
        services.AddSingleton<ConsoleMetrics>();
        services.AddSingleton<DecisionWriter>();
        services.AddHostedService<TopicFollower>();
        services.AddConsoleSignIn(options);
        services.AddAntiforgery(o => o.Cookie.Name = "sentinel.console.csrf");
        services.AddOpenTelemetry().WithMetrics(m => m.AddHostMeter(ConsoleMetrics.MeterName).AddPrometheusExporter());

        var app = builder.Build();
        app.MapConsole(options);
        return app;
    }
}
