using System.Text;
using TradeSentinel.Core.Validation;
using TradeSentinel.Ingest;
using TradeSentinel.Service;
using TradeSentinel.Simulation;
using TradeSentinel.Tests.Fixtures;
using TradeSentinel.Tools.Commands;
using TradeSentinel.Tools.Evaluation;

namespace TradeSentinel.Tests.Simulation;

public sealed class SimulatorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sentinel-sim-").FullName;

    private (string Trades, string Labels) Simulate(Scenario scenario, int seed, string name, double hours = 1)
    {
        var trades = Path.Combine(_dir, name + ".jsonl.gz");
        var labels = Path.Combine(_dir, name + ".labels.jsonl");
        Simulator.Run(new SimulationOptions { Scenario = scenario, Seed = seed, Hours = hours, Rate = 5, Accounts = 3000 }, trades, labels);
        return (trades, labels);
    }

    private static List<string> Lines(string path)
    {
        using var reader = new StreamReader(InputFiles.Open(path));
        var lines = new List<string>();
        while (reader.ReadLine() is { } line) lines.Add(line);
        return lines;
    }

    [Fact]
    public void One_seed_gives_byte_identical_streams_and_labels()
    {
        var a = Simulate(Scenario.Mix, 5, "a");
        var b = Simulate(Scenario.Mix, 5, "b");
        var c = Simulate(Scenario.Mix, 6, "c");
        Assert.Equal(File.ReadAllBytes(a.Trades), File.ReadAllBytes(b.Trades));
        Assert.Equal(File.ReadAllBytes(a.Labels), File.ReadAllBytes(b.Labels));
        Assert.NotEqual(File.ReadAllBytes(a.Trades), File.ReadAllBytes(c.Trades));
    }

    [Theory]
    [InlineData(Scenario.AppLeak)]
    [InlineData(Scenario.Subtle)]
    [InlineData(Scenario.Phished)]
    [InlineData(Scenario.ManyBeneficiaries)]
    [InlineData(Scenario.Contra)]
    [InlineData(Scenario.SellSide)]
    [InlineData(Scenario.Dormant)]
    [InlineData(Scenario.Mix)]
    [InlineData(Scenario.Crowd9)]
    [InlineData(Scenario.Crowd14)]
    [InlineData(Scenario.Crowd30)]
    [InlineData(Scenario.ColdStart)]
    public void Every_scenario_generates_valid_trades_and_labels_that_match_them(Scenario scenario)
    {
        var (tradesPath, labelsPath) = Simulate(scenario, 3, scenario.ToString());
        var parser = new TradeParser();
        foreach (var line in Lines(tradesPath)) Assert.True(parser.TryParse(Encoding.UTF8.GetBytes(line), out _, out var why), why.Detail);
        var trades = EvaluateCommand.ReadTrades(tradesPath);
        var labels = EvaluateCommand.ReadLabels(labelsPath);
        var malicious = labels.Where(l => l.Kind == "malicious_trade").ToList();
        Assert.NotEmpty(malicious);
        foreach (var m in malicious)
        {
            var t = trades[m.TradeId!];
            var accounts = new[] { t.Buyer.Account, t.Seller.Account };
            Assert.Contains(m.Victim, accounts);
            Assert.Contains(m.Beneficiary, accounts);
            Assert.True(m.Usd > 0);
        }
        var victims = labels.Where(l => l.Kind == "victim").Select(l => l.AccountId).ToHashSet();
        Assert.Equal(victims, malicious.Select(m => m.Victim).ToHashSet());
        Assert.Equal(labels.Where(l => l.Kind == "beneficiary").Select(l => l.AccountId).ToHashSet(), malicious.Select(m => m.Beneficiary).ToHashSet());
        Assert.Equal(scenario is Scenario.AppLeak or Scenario.Mix or Scenario.Crowd9 or Scenario.Crowd14 or Scenario.Crowd30,
            labels.Any(l => l.Kind == "app_leak"));
    }

    [Fact]
    public void The_benign_market_has_no_labels_and_contains_btc_quoted_pairs_and_pumps_of_its_own()
    {
        var (tradesPath, labelsPath) = Simulate(Scenario.Benign, 4, "benign", hours: 3);
        Assert.Empty(File.ReadAllLines(labelsPath));
        var lines = Lines(tradesPath);
        Assert.Contains(lines, l => l.Contains("\"symbol\":\"ETH-BTC\""));
        Assert.Contains(lines, l => l.Contains("\"app_id\":\"app-3c\""));
        Assert.Contains(lines, l => l.Contains("\"channel\":\"mobile\""));
        Assert.True(lines.Count > 40_000);
    }

    [Fact]
    public void Ids_carry_no_hint_of_who_is_attacker_or_victim()
    {
        var (tradesPath, labelsPath) = Simulate(Scenario.Mix, 8, "hints", hours: 2);
        var labels = EvaluateCommand.ReadLabels(labelsPath);
        var guilty = labels.Where(l => l.AccountId is not null).Select(l => l.AccountId!).ToHashSet();
        var everyone = EvaluateCommand.ReadTrades(tradesPath).Values.SelectMany(t => new[] { t.Buyer.Account, t.Seller.Account }).ToHashSet();
        var innocent = everyone.Except(guilty).ToList();
        Assert.All(everyone, id => Assert.Matches("^A[0-9]{6}$", id));
        // No cut on the numeric id separates the guilty from the rest: a quarter to three quarters of
        // the innocent fall below the guilty median, and the guilty span most of the id range.
        var guiltyNumbers = guilty.Select(id => int.Parse(id[1..])).Order().ToList();
        var median = guiltyNumbers[guiltyNumbers.Count / 2];
        var below = innocent.Count(id => int.Parse(id[1..]) < median) / (double)innocent.Count;
        Assert.InRange(below, 0.25, 0.75);
        Assert.True(guiltyNumbers[^1] - guiltyNumbers[0] > 600_000);
        var victimKeys = labels.Where(l => l.Kind == "victim" && l.ApiKeyId is not null).Select(l => l.ApiKeyId!).ToList();
        Assert.All(victimKeys, k => Assert.Matches("^K[0-9a-f]{8}$", k));
    }

    [Fact]
    public void Scenario_names_parse_as_the_command_line_spells_them()
    {
        Assert.Equal(Scenario.ManyBeneficiaries, SimulateCommand.ParseScenario("many-beneficiaries"));
        Assert.Equal(Scenario.SellSide, SimulateCommand.ParseScenario("sell_side"));
        Assert.Equal("app-leak", SimulateCommand.Kebab(Scenario.AppLeak));
        Assert.Throws<UsageException>(() => SimulateCommand.ParseScenario("rug-pull"));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
