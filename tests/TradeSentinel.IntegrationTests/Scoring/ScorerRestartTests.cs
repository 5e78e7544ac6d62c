using TradeSentinel.Core.Pipeline;
using TradeSentinel.Scoring;
using TradeSentinel.Scoring.Features;
using TradeSentinel.Scoring.Training;
using TradeSentinel.Tests.Fixtures;

namespace TradeSentinel.Tests.Scoring;

/// <summary>A scorer restarted mid-stream, its state restored, computes what an uninterrupted one computes.</summary>
public sealed class ScorerRestartTests : IDisposable
{
    private static readonly List<Fill> Fills = FillReplay.Read(RepoPaths.Sample("classic.trades.jsonl.gz")).Take(60_000).ToList();

    private readonly LocalRedis _local = new();
    private readonly ScorerStateStore _store;

    public ScorerRestartTests() => _store = new ScorerStateStore(_local.Connector);

    private static float[] Features(FeatureExtractor extractor, Fill fill)
    {
        var features = new float[FeatureSchema.Count];
        extractor.Extract(fill, features);
        return features;
    }

    /// <remarks>
    /// One thing is relearnt rather than restored: which addresses are an app's servers (kept in
    /// memory only). Until a restarted scorer has seen two of an app's keys trade from an address
    /// again, an app key seen there for the first time reads as a new source; nothing else differs.
    /// </remarks>
    [Fact]
    public async Task A_restarted_scorer_computes_the_same_features_as_an_uninterrupted_one()
    {
        var uninterrupted = new FeatureExtractor();
        var expected = Fills.Select(f => Features(uninterrupted, f)).ToList();

        // First life: the first half of the stream, checkpointing every 5,000 fills as the stage does.
        var first = new FeatureExtractor();
        var half = Fills.Count / 2;
        for (var i = 0; i < half; i++)
        {
            Features(first, Fills[i]);
            if (i % 5000 == 4999 || i == half - 1) await _store.SaveAsync(first.TakeDirty());
        }

        // Second life: nothing in memory; accounts come back from Redis the first time they are seen.
        var second = new FeatureExtractor();
        var relearnt = 0;
        for (var i = half; i < Fills.Count; i++)
        {
            var fill = Fills[i];
            if (!second.Knows(fill.AccountId))
                foreach (var (account, state) in await _store.LoadAsync([fill.AccountId])) second.Restore(account, state);
            var actual = Features(second, fill);
            if (fill.AppId is not null && expected[i][FeatureSchema.NewIp] == 0 && actual[FeatureSchema.NewIp] == 1)
            {
                relearnt++;
                actual[FeatureSchema.NewIp] = 0;
            }
            Assert.Equal(expected[i], actual);
        }
        Assert.True(relearnt < (Fills.Count - half) / 100, $"{relearnt} app fills read as from a new source after the restart");
    }

    [Fact]
    public async Task A_fill_redelivered_after_a_restart_is_recognised_as_already_applied()
    {
        var first = new FeatureExtractor();
        foreach (var fill in Fills.Take(1000)) Features(first, fill);
        await _store.SaveAsync(first.TakeDirty());

        var second = new FeatureExtractor();
        var redelivered = Fills[999];
        foreach (var (account, state) in await _store.LoadAsync([redelivered.AccountId])) second.Restore(account, state);
        Assert.True(second.AlreadyApplied(redelivered));
        Assert.False(second.AlreadyApplied(Fills.Skip(1000).First(f => f.AccountId == redelivered.AccountId)));
    }

    [Fact]
    public async Task Unknown_accounts_and_state_of_another_format_load_as_absent()
    {
        var db = _local.Connector.Connection.GetDatabase();
        await db.StringSetAsync(_local.Connector.Options.KeyPrefix + "scorer:OLD", new byte[] { 0, 1, 2 });
        Assert.Empty(await _store.LoadAsync(["NEVER-SEEN", "OLD"]));
    }

    [Fact]
    public void Encoded_state_stays_small()
    {
        var extractor = new FeatureExtractor();
        foreach (var fill in Fills) Features(extractor, fill);
        var sizes = extractor.TakeDirty().Values.Select(s => s.Length).ToList();
        Assert.True(sizes.Max() < 1024, $"largest account state is {sizes.Max()} bytes");
    }

    public void Dispose() => _local.Dispose();
}
