using TradeSentinel.Core.Contract;
using TradeSentinel.Ingest;
using TradeSentinel.Simulation;

namespace TradeSentinel.Tests.Training;

/// <summary>
/// A venue's history for the tests of training on one: 45 minutes of the simulator's benign market
/// written to a temporary file (app users, own-key traders, quiet accounts, thin coins), made once per class.
/// </summary>
public sealed class SimulatedHistory : IDisposable
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("sentinel-history-").FullName;

    public string Path { get; }

    public List<TradeEvent> Tape { get; }

    public SimulatedHistory()
    {
        Path = System.IO.Path.Combine(Dir, "history.jsonl.gz");
        Simulator.Run(new SimulationOptions { Scenario = Scenario.Benign, Seed = 5, Hours = 0.75, Rate = 8, Accounts = 2000 }, Path,
            System.IO.Path.Combine(Dir, "unused.labels.jsonl"));
        Tape = TradeFile.ReadValid(Path).ToList();
    }

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}
