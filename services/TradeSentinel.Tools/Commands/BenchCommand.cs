using System.Diagnostics;
using System.Text.Json;
using Confluent.Kafka;
using TradeSentinel.DevInfrastructure;
using TradeSentinel.Infrastructure.Kafka;
using TradeSentinel.Infrastructure.Redis;
using TradeSentinel.Infrastructure.Telemetry;
using TradeSentinel.Service;
using TradeSentinel.Simulation;
using TradeSentinel.Tools.Bench;
using TradeSentinel.Tools.Hosting;
using TradeSentinel.Tools.Replay;

namespace TradeSentinel.Tools.Commands;

/// <summary>
/// <c>sentinel bench [--trades 1000000] [--out bench]</c>: end-to-end replay throughput of a simulated
/// stream, and the ceiling it is measured against — raw Confluent.Kafka produce→consume of the same
/// records through the same embedded broker, in the same run. Writes results.json and report.md.
/// </summary>
public static class BenchCommand
{
    // Ceiling runs keep the consumer within this many records of the producer: the dev broker keeps ~5 MB per partition.
    private const int MaxLag = 20_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var trades = int.Parse(CommandLine.Value(args, "--trades") ?? "1000000");
        var output = CommandLine.Value(args, "--out") ?? "bench";
        Directory.CreateDirectory(output);
        var liveRate = int.Parse(CommandLine.Value(args, "--live-rate") ?? "21000");
        var liveSeconds = int.Parse(CommandLine.Value(args, "--live-seconds") ?? "120");
        using var scored = new CounterRecorder("sentinel.fills.scored", label: "flagged");
        var (records, ceiling, run, footprint, live) = await Progress.RunAsync(async progress =>
        {
            progress.Phase($"bench: simulating {trades:N0} trades");
            var input = LoadStream.Write(output, "bench-trades.jsonl.gz", "bench-labels.jsonl", seed: 7, trades);
            var records = ReadRecords(input);
            Console.Error.WriteLine($"ceiling: {records.Count:N0} records, mean {records.Average(r => r.Length):F0} bytes");
            progress.Phase("bench: ceiling, raw produce→consume");
            var ceiling = Ceiling(records);
            progress.Phase("bench: end-to-end replay");
            using var redis = EmbeddedRedisServer.Start();
            var run = await PipelineRun.ExecuteAsync([.. args, "--Redis:Configuration", redis.Configuration], input);
            var footprint = RedisFootprint.Measure(redis.Configuration, new RedisOptions().KeyPrefix);
            // The simulator's clock steps in whole milliseconds with at most one trade per symbol per step, which caps
            // its busiest symbols: a nominal 21,000/s feeds about 10,300 trades/s (the report gives the rate fed).
            progress.Phase($"bench: live latency, {liveSeconds} s");
            var live = await LiveLatency(args, output, liveRate, liveSeconds);
            return (records, ceiling, run, footprint, live);
        });
        var e2e = run.Trades / run.Elapsed.TotalSeconds;
        var fills = 2 * run.Trades;

        var results = new
        {
            machine = new { cores = Environment.ProcessorCount, cpu = CpuModel(), memory_gib = Math.Round(MemoryGiB(), 1) },
            trades = run.Trades,
            end_to_end = new { seconds = Math.Round(run.Elapsed.TotalSeconds, 1), trades_per_s = Math.Round(e2e), fills_per_s = Math.Round(2 * e2e), alerts = run.Alerts.Count },
            ceiling = new { records = records.Count, mean_bytes = Math.Round(records.Average(r => r.Length)), produce_consume_per_s = Math.Round(ceiling) },
            ratio = Math.Round(e2e / ceiling, 3),
            live = new
            {
                rate = live.Rate,
                seconds = live.Seconds,
                trades = live.Trades,
                allowed_lateness_ms = LiveLatenessMs,
                event_to_tag_ms = new { p50 = live.Tag.P50, p99 = live.Tag.P99, max = live.Tag.Max, count = live.Tag.Count },
                event_to_alert_ms = new { p50 = live.Alert.P50, p99 = live.Alert.P99, max = live.Alert.Max, count = live.Alert.Count },
            },
            redis = new
            {
                commands = footprint.TotalCommands,
                by_command = footprint.Commands,
                per_fill = Math.Round((double)footprint.TotalCommands / fills, 4),
                flagged_fills = scored.Of("true"),
                // The alerter's scripts: flagged fills, and the winning side of trades whose account only ever won off-market.
                scripts_per_flagged_fill = scored.Of("true") == 0 ? 0 : Math.Round((double)footprint.Commands.GetValueOrDefault("evalsha") / scored.Of("true"), 1),
                used_memory_bytes = footprint.UsedMemoryBytes,
                keys = footprint.ByKind.ToDictionary(k => k.Key, k => new { count = k.Value.Keys, mean_bytes = Math.Round(k.Value.MeanBytes) }),
            },
        };
        await File.WriteAllTextAsync(Path.Combine(output, "results.json"), JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }));
        var report = $"""
            # TradeSentinel benchmark

            Machine: {results.machine.cores} cores, {results.machine.cpu}, {results.machine.memory_gib} GiB. Embedded broker (librdkafka mock cluster, TCP), real redis-server.

            | measure | value |
            |---|---|
            | end-to-end replay ({run.Trades:N0} simulated trades, ingest → market → scorer → alerter) | {e2e:N0} trades/s ({2 * e2e:N0} fills/s), {run.Elapsed.TotalSeconds:F1} s, {run.Alerts.Count} alerts |
            | ceiling: raw produce→consume of the same records, one hop | {ceiling:N0} records/s |
            | end-to-end ÷ ceiling | {e2e / ceiling:P1} |
            | live: {live.Trades:N0} trades fed over {live.Seconds} s ({live.Trades / live.Seconds:N0}/s, simulator rate {live.Rate:N0}), event time = wall clock, allowed lateness {LiveLatenessMs} ms | event-to-tag p50 {live.Tag.P50:F0} ms, p99 {live.Tag.P99:F0} ms, max {live.Tag.Max:F0} ms; event-to-alert p50 {live.Alert.P50:F0} ms, p99 {live.Alert.P99:F0} ms, max {live.Alert.Max:F0} ms ({live.Alert.Count} alerts) |
            | Redis commands (alerter windows and claims, scorer state) | {footprint.TotalCommands:N0}: {(double)footprint.TotalCommands / fills:F3} per fill (a script's inner commands counted too); the alerter's scripts: {results.redis.scripts_per_flagged_fill} per flagged fill ({scored.Of("true"):N0} flagged; this includes the winning side of trades whose account only ever won off-market) |
            | Redis commands by name | {string.Join(", ", footprint.Commands.OrderByDescending(c => c.Value).Select(c => $"{c.Key} {c.Value:N0}"))} |
            | Redis memory per tracked entity (mean `MEMORY USAGE`) | {string.Join(", ", footprint.ByKind.Select(k => $"{k.Key}: {k.Value.Keys:N0} keys × {k.Value.MeanBytes:F0} B"))}; used_memory {footprint.UsedMemoryBytes / 1048576.0:F1} MiB |
            """;
        await File.WriteAllTextAsync(Path.Combine(output, "report.md"), report);
        Console.WriteLine(report);
        return 0;
    }

    /// <summary>An in-order live feed tolerates little lateness; the default (2 s) is for feeds merged from several sources.</summary>
    private const int LiveLatenessMs = 50;

    public sealed record Percentiles(double P50, double P99, double Max, int Count)
    {
        public static Percentiles Of(LatencyRecorder r) =>
            new(Math.Round(r.Percentile(0.5) * 1000), Math.Round(r.Percentile(0.99) * 1000), Math.Round(r.Percentile(1) * 1000), r.Count);
    }

    /// <summary>
    /// A simulated market fed at a steady rate with event time = wall clock, through the whole
    /// pipeline; latencies from the services' own histograms (every recorded value, exact percentiles).
    /// </summary>
    private static async Task<(int Rate, int Seconds, long Trades, Percentiles Tag, Percentiles Alert)> LiveLatency(
        string[] args, string output, int rate, int seconds)
    {
        var file = Path.Combine(output, "live-trades.jsonl");
        var start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 20_000; // after the pipeline has started
        // App leak at seed 2: its attack starts 47 s in, so recommendations are raised within two minutes.
        var options = new SimulationOptions { Scenario = Scenario.AppLeak, Seed = 2, Rate = rate, Hours = seconds / 3600.0, Accounts = 20_000, StartTs = start };
        Simulator.Run(options, file, Path.Combine(output, "live-labels.jsonl"));
        using var tag = new LatencyRecorder("sentinel.event_to_tag.duration");
        using var alert = new LatencyRecorder("sentinel.event_to_alert.duration");
        var run = await PipelineRun.ExecuteAsync([.. args, "--Ingest:AllowedLatenessMs", LiveLatenessMs.ToString(), "--Ingest:WatermarkIntervalMs", "10"],
            file, openInput: () => Wall.PacedFeed.Open(file, start + options.DurationMs, CancellationToken.None));
        return (rate, seconds, run.Trades, Percentiles.Of(tag), Percentiles.Of(alert));
    }

    private static List<byte[]> ReadRecords(string path)
    {
        var records = new List<byte[]>();
        using var reader = new StreamReader(Ingest.InputFiles.Open(path));
        while (reader.ReadLine() is { } line) records.Add(System.Text.Encoding.UTF8.GetBytes(line));
        return records;
    }

    /// <summary>Records per second through one topic hop: one producer and one consumer running together.</summary>
    private static double Ceiling(List<byte[]> records)
    {
        var options = new KafkaOptions();
        using var broker = new EmbeddedKafkaCluster();
        broker.CreateTopic("bench.ceiling", options.Partitions);
        var clients = new KafkaClients(Microsoft.Extensions.Options.Options.Create(new KafkaOptions { BootstrapServers = broker.BootstrapServers }));
        using var producer = new ProducerBuilder<string?, byte[]>(clients.Producer("bench")).Build();
        var deliveries = new DeliveryWatch(new SentinelMetrics(), "bench"); // produced as the stages produce
        var consumerConfig = clients.Consumer("bench");
        consumerConfig.EnableAutoCommit = false;
        using var consumer = new ConsumerBuilder<string?, byte[]>(consumerConfig).Build();
        consumer.Subscribe("bench.ceiling");
        long consumed = 0;
        var clock = Stopwatch.StartNew();
        var reading = Task.Factory.StartNew(() =>
        {
            while (Interlocked.Read(ref consumed) < records.Count)
                if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is not null) Interlocked.Increment(ref consumed);
        }, TaskCreationOptions.LongRunning);
        for (var i = 0; i < records.Count; i++)
        {
            while (i - Interlocked.Read(ref consumed) > MaxLag) Thread.Sleep(1);
            producer.ProduceOrWait("bench.ceiling", new Message<string?, byte[]> { Key = (i % 997).ToString(), Value = records[i] }, deliveries);
        }
        producer.Flush(Timeout.InfiniteTimeSpan);
        deliveries.ThrowIfRefused();
        reading.Wait();
        consumer.Close();
        return records.Count / clock.Elapsed.TotalSeconds;
    }

    private static string CpuModel() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
            : "unknown CPU";

    private static double MemoryGiB() => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
}
