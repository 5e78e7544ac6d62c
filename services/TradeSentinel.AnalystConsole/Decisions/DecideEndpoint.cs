using System.Security.Claims;
using Confluent.Kafka;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using StackExchange.Redis;
using TradeSentinel.Alerting.Suppression;
using TradeSentinel.AnalystConsole.Board;
using TradeSentinel.AnalystConsole.Pages;
using TradeSentinel.Core.Contract;

namespace TradeSentinel.AnalystConsole.Decisions;

/// <summary>
/// Records an analyst's decision on one recommendation: to the decision topic (who, when, note),
/// and for a dismissal to the allowlist the alerter reads. A confirmation or a hold after a
/// dismissal lifts that dismissal's suppression.
/// </summary>
public static class DecideEndpoint
{
    public const int MaxTextLength = 500;
    public const int MaxSuppressDays = 365;

    public sealed record DecideForm(int Number, string? Decision, string? Reason, string? Note, int? SuppressDays);

    public static async Task<IResult> HandleAsync(HttpContext context, [FromForm] DecideForm form, ConsoleBoard board, DecisionWriter writer,
        SuppressionList suppressions, ConsoleMetrics metrics, TimeProvider clock)
    {
        if (board.Recommendation(form.Number) is not { } recommendation) return Refused(context, "No such recommendation.", 404);
        var reason = Clean(form.Reason);
        var note = Clean(form.Note);
        if (form.Decision is not { } kind || !AnalystDecision.All.Contains(kind)) return Refused(context, "Choose confirm, dismiss or hold.");
        if (kind == AnalystDecision.Dismiss && reason is null) return Refused(context, "A dismissal needs a reason.");
        if ((form.Reason?.Length ?? 0) > MaxTextLength || (form.Note?.Length ?? 0) > MaxTextLength) return Refused(context, $"Reason and note are at most {MaxTextLength} characters.");
        if (form.SuppressDays is < 0 or > MaxSuppressDays) return Refused(context, $"Suppress for 0 to {MaxSuppressDays} days.");

        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var days = form.SuppressDays ?? 0;
        var decision = new AnalystDecision
        {
            AlertId = recommendation.Alert.AlertId,
            Decision = kind,
            Subject = recommendation.Subject,
            By = context.User.FindFirstValue(ClaimTypes.Name) ?? context.User.Identity?.Name ?? "unknown",
            At = now,
            Reason = reason,
            Note = note,
            SuppressUntil = kind == AnalystDecision.Dismiss && days > 0 ? now + days * 86_400_000L : null,
        };
        try
        {
            if (decision.SuppressUntil is { } until)
                await suppressions.AddAsync(new Suppression(decision.Subject, decision.AlertId, decision.By, reason!, until), now);
            else if (recommendation.Decision?.SuppressUntil is not null)
                await suppressions.RevokeAsync(recommendation.Subject);
            await writer.WriteAsync(decision, context.RequestAborted);
        }
        catch (Exception e) when (e is KafkaException or RedisException or OperationCanceledException)
        {
            return Refused(context, "The decision was not recorded (the broker or Redis did not answer): try again.", 503);
        }
        board.ApplyDecision(decision);
        metrics.Decisions.Add(1, new KeyValuePair<string, object?>("decision", kind));
        var incident = board.Incidents().First(i => i.Recommendations.Contains(recommendation));
        return Results.Redirect($"/incidents/{incident.Number}", permanent: false);
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static IResult Refused(HttpContext context, string message, int status = 400) =>
        Html.Page(context, "Not recorded", $"""<p class="error">{Html.E(message)}</p><p><a href="/">Back to the queue</a></p>""", status);
}
