using System.Diagnostics;
using System.Text.Json;
using TradeSentinel.DevInfrastructure;
using TradeSentinel.Infrastructure.Hosting;

namespace TradeSentinel.Tools.Wall;

/// <summary>
/// Debian's real <c>prometheus</c> on a free loopback port, scraping the given targets every 250 ms (a replay lasts seconds)
/// and evaluating the given rule file; queried through its HTTP API. For the wall charts and the tests.
/// </summary>
public sealed class LocalPrometheus : IDisposable
{
    private readonly Process _process;
    private readonly string _dir = Directory.CreateTempSubdirectory("sentinel-prometheus-").FullName;
    private readonly HttpClient _http;

    public LocalPrometheus(string rulesFile, params string[] targets)
    {
        var port = LoopbackPort.Free();
        File.WriteAllText(Path.Combine(_dir, "prometheus.yml"), $$"""
            global:
              scrape_interval: 250ms
              evaluation_interval: 1s
            rule_files:
              - {{Path.GetFullPath(rulesFile)}}
            scrape_configs:
              - job_name: tradesentinel
                static_configs:
                  - targets: [{{string.Join(", ", targets.Select(t => $"\"{t}\""))}}]
            """);
        var info = new ProcessStartInfo("prometheus") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
                 {
                     $"--config.file={_dir}/prometheus.yml", $"--storage.tsdb.path={_dir}/data", $"--web.listen-address=127.0.0.1:{port}",
                 })
            info.ArgumentList.Add(arg);
        _process = Process.Start(info) ?? throw new InvalidOperationException("could not start prometheus");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        WaitReady();
    }

    public Uri Address => _http.BaseAddress!;

    /// <summary>An instant query; returns the result array (empty when no series matched). Throws on a query error.</summary>
    public async Task<JsonElement> QueryAsync(string promql)
    {
        using var response = await _http.GetAsync($"/api/v1/query?query={Uri.EscapeDataString(promql)}");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        if (body.GetProperty("status").GetString() != "success")
            throw new InvalidOperationException($"query failed: {promql}: {body.GetProperty("error").GetString()}");
        return body.GetProperty("data").GetProperty("result").Clone();
    }

    /// <summary>A range query at the given step; returns the result matrix.</summary>
    public async Task<JsonElement> QueryRangeAsync(string promql, DateTimeOffset start, DateTimeOffset end, TimeSpan step)
    {
        var url = $"/api/v1/query_range?query={Uri.EscapeDataString(promql)}&start={start.ToUnixTimeSeconds()}&end={end.ToUnixTimeSeconds()}&step={step.TotalSeconds}";
        var body = JsonDocument.Parse(await _http.GetStringAsync(url)).RootElement;
        return body.GetProperty("data").GetProperty("result").Clone();
    }

    public async Task<JsonElement> GetAsync(string path) =>
        JsonDocument.Parse(await _http.GetStringAsync(path)).RootElement.Clone();

    private void WaitReady()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (_http.GetAsync("/-/ready").Result.IsSuccessStatusCode) return;
            }
            catch (AggregateException)
            {
            }
            Thread.Sleep(100);
        }
        throw new InvalidOperationException("prometheus did not become ready within 30 s");
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
        _http.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
