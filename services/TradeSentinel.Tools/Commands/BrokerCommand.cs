using TradeSentinel.DevInfrastructure;
using TradeSentinel.Infrastructure.Kafka;
using TradeSentinel.Service;

namespace TradeSentinel.Tools.Commands;

/// <summary>
/// <c>sentinel broker</c>: the embedded development broker on its own, with the pipeline's topics,
/// for running the services as separate processes. In memory only; Ctrl-C stops it.
/// </summary>
public static class BrokerCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = new KafkaOptions();
        var partitions = int.Parse(CommandLine.Value(args, "--partitions") ?? options.Partitions.ToString());
        using var cluster = new EmbeddedKafkaCluster();
        foreach (var topic in options.Topics.All) cluster.CreateTopic(topic, partitions);
        Console.WriteLine(cluster.BootstrapServers);
        Console.Error.WriteLine($"embedded dev broker (in memory, ~5 MB per partition) on {cluster.BootstrapServers}; Ctrl-C stops it");
        var stop = new TaskCompletionSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.TrySetResult();
        await stop.Task;
        return 0;
    }
}
