using Microsoft.AspNetCore.Http;
using TradeSentinel.AnalystConsole.Board;

namespace TradeSentinel.AnalystConsole.Pages;

/// <summary>The queue's filters, from the query string: action, severity, app, symbol, state (each optional).</summary>
public sealed record QueueFilter(string? Action, string? Severity, string? App, string? Symbol, string? State)
{
    public static QueueFilter From(HttpRequest request)
    {
        string? Get(string name) => request.Query[name].ToString() is { Length: > 0 } v ? v : null;
        return new(Get("action"), Get("severity"), Get("app"), Get("symbol"), Get("state"));
    }

    public bool Matches(Incident incident) =>
        (Action is null || incident.Actions.Contains(Action))
        && (Severity is null || incident.Recommendations.Any(r => r.Alert.Severity == Severity))
        && (App is null || incident.Apps.Contains(App))
        && (Symbol is null || incident.Symbols.Contains(Symbol))
        && (State is null || incident.State == State);
}
