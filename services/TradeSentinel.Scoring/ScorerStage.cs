using System.Diagnostics;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using TradeSentinel.Core;
using TradeSentinel.Core.EventTime;
using TradeSentinel.Core.Pipeline;
using TradeSentinel.Core.Validation;
using TradeSentinel.Infrastructure.Kafka;
using TradeSentinel.Infrastructure.Redis;
using TradeSentinel.Infrastructure.Streaming;
using TradeSentinel.Scoring.Features;
using TradeSentinel.Scoring.Model;

namespace TradeSentinel.Scoring;

/// <summary>
/// Reads fills keyed by account in event-time order, keeps per-account and per-key state,
/// scores them with one reused ML.NET prediction engine, and produces tagged fills.
/// </summary>
public sealed class ScorerStage(StageContext context, ModelProvider models, ScorerStateStore state, IOptions<ScoringOptions> options)
    : StreamStage<Fill>("scorer", context, context.Topics.Fills, context.Topics.Scored, new AtLeastOnceCommits(StateSaveEvery))
{
    // Each checkpoint writes one Redis value per account that changed since the previous one: at
    // 2 s instead of 500 ms an active account is written about a quarter as often; a restart re-reads
    // at most that much more input, whose fills the restored state recognises (AlreadyApplied).
    private static readonly TimeSpan StateSaveEvery = TimeSpan.FromSeconds(2);

    private readonly FeatureExtractor _features = new();
    private readonly FillTagger _tagger = new(options.Value);
    private readonly List<FeatureRow> _rows = [];
    private readonly List<double> _premiums = [];
    private readonly List<bool> _onlyWins = [];
    private readonly List<Fill> _fresh = [];
    private double _meanStateBytes;

    protected override bool TryDecode(byte[] value, out Fill item, out EventKey key, out Rejection rejection)
    {
        key = default;
        if (!FillReader.TryRead(value, out item!, out rejection)) return false;
        if (!FillCheck.TryCheck(item, out rejection)) return false;
        key = item.Key;
        return true;
    }

    protected override void Process(List<Fill> batch)
    {
        var model = models.Current;
        RestoreUnknownAccounts(batch);
        // A fill the restored state already contains was scored and delivered before a restart.
        _fresh.Clear();
        foreach (var fill in batch)
            if (!_features.AlreadyApplied(fill)) _fresh.Add(fill);
        batch = _fresh;
        if (batch.Count == 0) return;
        while (_rows.Count < batch.Count) _rows.Add(new FeatureRow());
        _premiums.Clear();
        _onlyWins.Clear();
        for (var i = 0; i < batch.Count; i++)
        {
            _premiums.Add(_features.Extract(batch[i], _rows[i].Features));
            _onlyWins.Add(_features.OnlyWinsOffMarket(batch[i].AccountId));
        }
        var raw = model.ScoreRaw(_rows.GetRange(0, batch.Count));
        var topic = Context.Topics.Scored;
        var flagged = 0;
        var nowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        for (var i = 0; i < batch.Count; i++)
        {
            var score = options.Value.RulesOnly ? RuleScore.Of(_rows[i].Features) : model.Calibrate(raw[i]);
            var tagged = _tagger.Tag(batch[i], _rows[i].Features, _premiums[i], score, model.Metadata);
            tagged.OnlyWinsOffMarket = _onlyWins[i];
            Context.Metrics.Scores.Record(score);
            Context.Metrics.EventToTag.Record((nowMs - tagged.Fill.Ts) / 1000.0);
            if (tagged.Flagged) flagged++;
            Producer.ProduceOrWait(topic, new Message<string?, byte[]>
            {
                Key = tagged.Fill.AccountId,
                Value = JsonSerializer.SerializeToUtf8Bytes(tagged, SentinelJson.Default.ScoredFill),
            }, Deliveries);
        }
        Context.Metrics.FillsScored.Add(flagged, new TagList { { "flagged", "true" } });
        Context.Metrics.FillsScored.Add(batch.Count - flagged, new TagList { { "flagged", "false" } });
    }

    private void RestoreUnknownAccounts(List<Fill> batch)
    {
        var unknown = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fill in batch)
            if (!_features.Knows(fill.AccountId)) unknown.Add(fill.AccountId);
        if (unknown.Count == 0) return;
        RedisRetry.UntilDone(async () =>
        {
            foreach (var (account, restored) in await state.LoadAsync(unknown)) _features.Restore(account, restored);
        }, Context.Metrics, Logger, Stage, Stopping);
    }

    // Runs after every tagged fill was delivered; the offsets move once the returned writes are done,
    // so the saved state never runs ahead of what downstream has received. The states are encoded
    // now and written while the next fills are scored (a synchronous write held every fill for up
    // to a few hundred milliseconds at each checkpoint).
    protected override Task OnCheckpoint()
    {
        // The previous checkpoint's writes are done (the stage waits for them before this one), so
        // an account evicted now is read back as it was last saved.
        _features.EvictBeyond(options.Value.MaxAccountsInMemory);
        var dirty = _features.TakeDirty();
        Context.Metrics.ScorerAccounts = _features.AccountCount;
        if (dirty.Count == 0) return Task.CompletedTask;
        var savedBytes = 0L;
        foreach (var encoded in dirty.Values) savedBytes += encoded.Length;
        _meanStateBytes = _meanStateBytes == 0 ? (double)savedBytes / dirty.Count : 0.9 * _meanStateBytes + 0.1 * savedBytes / dirty.Count;
        Context.Metrics.ScorerStateBytes = (long)(_features.AccountCount * _meanStateBytes);
        // Issued from the thread pool: queueing thousands of commands takes tens of milliseconds itself.
        return Task.Run(() => RedisRetry.UntilDoneAsync(() => state.SaveAsync(dirty), Context.Metrics, Logger, Stage, Stopping));
    }
}
