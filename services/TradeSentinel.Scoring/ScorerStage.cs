using System.Diagnostics;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using TradeSentinel.Infrastructure.Kafka;
using TradeSentinel.Core;
using TradeSentinel.Core.EventTime;
using TradeSentinel.Core.Pipeline;
using TradeSentinel.Core.Validation;
using TradeSentinel.Infrastructure.Streaming;
using TradeSentinel.Scoring.Features;
using TradeSentinel.Scoring.Model;

namespace TradeSentinel.Scoring;

/// <summary>
/// Reads fills keyed by account in event-time order, keeps per-account and per-key state,
/// scores each poll's fills as one ML.NET batch and produces tagged fills.
/// </summary>
public sealed class ScorerStage(StageContext context, ModelProvider models, IOptions<ScoringOptions> options)
    : StreamStage<Fill>("scorer", context, context.Topics.Fills, context.Topics.Scored)
{
    private readonly FeatureExtractor _features = new();
    private readonly FillTagger _tagger = new(options.Value);
    private readonly List<FeatureRow> _rows = [];
    private readonly List<double> _premiums = [];

    public int AccountsTracked => _features.Accounts;

    protected override bool TryDecode(byte[] value, out Fill item, out EventKey key, out Rejection rejection)
    {
        key = default;
        if (!JsonRecord.TryRead(value, SentinelJson.Default.Fill, out item!, out rejection)) return false;
        if (item.TradeId.Length == 0 || item.AccountId.Length == 0)
        {
            rejection = new(Rejection.MissingField, "fill without trade_id or account_id");
            return false;
        }
        key = new EventKey(item.Ts, item.TradeId, item.IsBuy);
        return true;
    }

    protected override void Process(List<Fill> batch)
    {
        var model = models.Current;
        while (_rows.Count < batch.Count) _rows.Add(new FeatureRow());
        _premiums.Clear();
        for (var i = 0; i < batch.Count; i++) _premiums.Add(_features.Extract(batch[i], _rows[i].Features));
        var raw = model.ScoreRaw(_rows.GetRange(0, batch.Count));
        var topic = Context.Topics.Scored;
        var flagged = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            var score = model.Calibrate(raw[i]);
            var tagged = _tagger.Tag(batch[i], _rows[i].Features, _premiums[i], score, model.Metadata);
            Context.Metrics.Scores.Record(score);
            if (tagged.Flagged) flagged++;
            Producer.ProduceOrWait(topic, new Message<string?, byte[]>
            {
                Key = tagged.Fill.AccountId,
                Value = JsonSerializer.SerializeToUtf8Bytes(tagged, SentinelJson.Default.ScoredFill),
            });
        }
        Context.Metrics.FillsScored.Add(flagged, new TagList { { "flagged", "true" } });
        Context.Metrics.FillsScored.Add(batch.Count - flagged, new TagList { { "flagged", "false" } });
    }
}
