using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TradeSentinel.Core.EventTime;
using TradeSentinel.Core.Validation;
using TradeSentinel.Infrastructure.Kafka;

namespace TradeSentinel.Infrastructure.Streaming;

/// <summary>
/// A consumer-group member that reads one topic, hands records to the subclass in event-time order
/// (see <see cref="EventTimeMerger{T}"/>), forwards the watermark to its output topic, and stores
/// an offset only once every record before it was handled and its outputs delivered. A
/// transactional stage commits its outputs and its input offsets in one Kafka transaction instead,
/// so that after a crash its output holds each result exactly once (for read_committed readers).
/// </summary>
public abstract class StreamStage<TIn> : BackgroundService
{
    private const int MaxBatch = 5000;
    private static readonly TimeSpan RecountPartitionsEvery = TimeSpan.FromSeconds(30);

    // Outputs of a transactional stage are visible only once committed: commit more often.
    private static readonly TimeSpan TransactionEvery = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan TransactionTimeout = TimeSpan.FromSeconds(30);

    // Once the stage is asked to stop, how long it still waits for its outputs to be delivered. With the
    // broker gone they never would be: it gives up, commits nothing, and the next run produces them again.
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);
    private readonly CancellationTokenSource _deliveryWait = new();

    private EventTimeMerger<TIn> _merger = new();
    private readonly OffsetGaps _gaps;
    private readonly TaskCompletionSource _endOfStream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _inputTopic;
    private readonly string? _outputTopic;
    private int _inputPartitions;
    private int _outputPartitions;
    private readonly Stopwatch _sinceRecount = Stopwatch.StartNew();
    private long _forwarded = long.MinValue;
    private readonly bool _transactional;
    private readonly TimeSpan _checkpointEvery;
    private bool _inTransaction;
    private bool _rewinding;

    // The last checkpoint's offsets, stored once what it saved is written.
    private (Task Saved, List<TopicPartitionOffset> Offsets)? _pendingOffsets;

    /// <param name="checkpointEvery">How often outputs are flushed and input offsets stored (default 500 ms); a transactional stage commits every 100 ms.</param>
    protected StreamStage(string stage, StageContext context, string inputTopic, string? outputTopic, bool transactional = false,
        TimeSpan? checkpointEvery = null)
    {
        Stage = stage;
        Context = context;
        _inputTopic = inputTopic;
        _outputTopic = outputTopic;
        _transactional = transactional;
        _checkpointEvery = transactional ? TransactionEvery : checkpointEvery ?? TimeSpan.FromMilliseconds(500);
        Logger = context.Loggers.CreateLogger(GetType());
        var producerConfig = context.Kafka.Producer($"{context.Kafka.Options.GroupPrefix}.{stage}");
        // The same id when an instance restarts (host name, or Kafka:InstanceId): its first
        // InitTransactions then aborts the transaction the crashed process left open, instead of
        // read_committed readers waiting for the broker's transaction timeout.
        if (transactional) producerConfig.TransactionalId = $"{context.Kafka.Options.GroupPrefix}.{stage}.{context.Kafka.Options.InstanceId ?? Environment.MachineName}";
        Producer = new ProducerBuilder<string?, byte[]>(producerConfig)
            .SetErrorHandler((_, e) => Logger.LogWarning("{Stage} producer: {Reason}", Stage, e.Reason))
            .Build();
        Deliveries = new DeliveryWatch(context.Metrics, stage);
        _gaps = new OffsetGaps(stage, inputTopic, context.Metrics, Logger);
        DeadLetters = new DeadLetterWriter(Producer, Deliveries, context, stage);
    }

    protected string Stage { get; }
    protected StageContext Context { get; }
    protected ILogger Logger { get; }
    protected IProducer<string?, byte[]> Producer { get; }
    protected DeadLetterWriter DeadLetters { get; }

    /// <summary>Pass to every produce of <see cref="Producer"/>: a record the broker refuses stops the stage before its offsets move.</summary>
    protected DeliveryWatch Deliveries { get; }

    /// <summary>Requested when the stage is to stop: work that waits (Redis retries) gives up.</summary>
    protected CancellationToken Stopping { get; private set; }

    /// <summary>Completes once the end-of-stream watermark has passed through this stage (replays only).</summary>
    public Task EndOfStream => _endOfStream.Task;

    /// <summary>Decodes a data record, or says why it cannot be used.</summary>
    protected abstract bool TryDecode(byte[] value, out TIn item, out EventKey key, out Rejection rejection);

    /// <summary>False for a record the stage has no use for: it is passed over undecoded, and its offset moves on.</summary>
    protected virtual bool Wanted(byte[] value) => true;

    /// <summary>Handles records in event-time order; outputs go through <see cref="Producer"/>.</summary>
    protected abstract void Process(List<TIn> batch);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stop)
    {
        // Named so that per-thread CPU (top -H, dotnet-trace) shows which stage is busy.
        Thread.CurrentThread.Name = $"sentinel.{Stage}";
        Stopping = stop;
        using var grace = stop.Register(() => _deliveryWait.CancelAfter(StopGrace));
        try
        {
            _inputPartitions = TopicProvisioner.PartitionCount(Context.Kafka, _inputTopic);
            if (_outputTopic is not null) _outputPartitions = TopicProvisioner.PartitionCount(Context.Kafka, _outputTopic);
            if (_transactional) Producer.InitTransactions(TransactionTimeout);
            while (!ConsumeUntilStopped(stop))
            {
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            Logger.LogCritical(e, "{Stage} stopped", Stage);
            _endOfStream.TrySetException(e);
            throw;
        }
        finally
        {
            // Whatever is still queued goes out if the broker takes it within the stop's grace; no
            // offset moved past it either way. (A stage that failed is stopped by its host, which starts the grace.)
            try
            {
                Producer.Flush(_deliveryWait.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    /// <summary>
    /// One consumer's life. Returns false when the broker aborted a transaction (e.g. after produce
    /// errors it could not retry in order): its outputs are discarded, and the stage starts again
    /// from the last committed offsets with a fresh merger, as a restarted process would.
    /// </summary>
    private bool ConsumeUntilStopped(CancellationToken stop)
    {
        OnConsuming();
        var consumerConfig = Context.Kafka.Consumer(Stage);
        if (_transactional) consumerConfig.EnableAutoCommit = false; // offsets travel in the transaction
        consumerConfig.ConsumeResultFields = "headers"; // watermarks are marked by a header; topic names and timestamps are never read
        using var consumer = new ConsumerBuilder<string?, byte[]>(consumerConfig)
            .SetErrorHandler((_, e) => Logger.LogWarning("{Stage} consumer: {Reason}", Stage, e.Reason))
            .SetPartitionsAssignedHandler((c, assigned) =>
            {
                _gaps.Assigned(c, assigned);
                assigned.ForEach(tp => _merger.Assign(tp.Partition.Value));
            })
            .SetPartitionsRevokedHandler((c, revoked) => OnRevoked(c, revoked))
            .Build();
        consumer.Subscribe(_inputTopic);
        try
        {
            Loop(consumer, stop);
            Checkpoint(consumer, final: true);
            consumer.Close();
            return true;
        }
        catch (KafkaTxnRequiresAbortException e)
        {
            Logger.LogWarning("{Stage}: transaction aborted ({Reason}); its outputs are discarded and its input is read again", Stage, e.Error.Reason);
            Producer.AbortTransaction(TransactionTimeout);
            _inTransaction = false;
            _rewinding = true;
            consumer.Close(); // leaves the group without committing anything
            _rewinding = false;
            _merger = new EventTimeMerger<TIn>();
            _forwarded = long.MinValue;
            Deliveries.Reset();
            OnAborted();
            return false;
        }
    }

    private void Loop(IConsumer<string?, byte[]> consumer, CancellationToken stop)
    {
        var released = new List<TIn>(MaxBatch);
        var sinceCommit = Stopwatch.StartNew();
        while (!stop.IsCancellationRequested)
        {
            var record = consumer.Consume(TimeSpan.FromMilliseconds(100));
            for (var n = 0; record is not null && n < MaxBatch; n++)
            {
                Accept(record);
                record = consumer.Consume(TimeSpan.Zero);
            }
            if (record is not null) Accept(record);

            released.Clear();
            _merger.Release(released);
            if (released.Count > 0)
            {
                EnsureTransaction();
                Process(released);
            }
            ForwardWatermark();
            Context.Metrics.SetWatermark(Stage, _merger.Watermark);

            // A replayed stream has ended once everything before the end-of-stream mark was handled.
            var justEnded = _merger.Watermark == Watermark.EndOfStream && _merger.Buffered == 0 && !_endOfStream.Task.IsCompleted;
            StorePendingOffsets(consumer, wait: false);
            if (sinceCommit.Elapsed >= _checkpointEvery || justEnded || OutputAwaitsCommit)
            {
                Checkpoint(consumer, periodic: !justEnded);
                sinceCommit.Restart();
            }
            if (justEnded) _endOfStream.TrySetResult();
        }
    }

    private void Accept(ConsumeResult<string?, byte[]> record)
    {
        var partition = record.Partition.Value;
        var value = record.Message.Value;
        _gaps.Read(partition, record.Offset.Value);
        if (WatermarkRecords.TryRead(record, out var mark))
        {
            if (mark is not null) _merger.Observe(partition, record.Offset.Value, mark);
            else Refuse(record, new(Rejection.Undecodable, "marked as a watermark, but its value is no valid watermark"));
            return;
        }
        if (value is null)
        {
            Refuse(record, new(Rejection.Undecodable, "record has no value"));
            return;
        }
        bool wanted, decoded;
        TIn item = default!;
        EventKey key = default;
        Rejection rejection = default;
        try
        {
            wanted = Wanted(value);
            decoded = wanted && TryDecode(value, out item, out key, out rejection);
        }
        catch (Exception e) when (e is not OperationCanceledException and not KafkaException)
        {
            // Whatever a decoder missed must cost this record only, never the stage.
            Refuse(record, new(Rejection.Undecodable, $"{e.GetType().Name}: {e.Message[..Math.Min(e.Message.Length, 200)]}"));
            return;
        }
        if (!wanted) _merger.Skip(partition, record.Offset.Value);
        else if (decoded) _merger.Add(partition, record.Offset.Value, key, item);
        else Refuse(record, rejection);
    }

    private void Refuse(ConsumeResult<string?, byte[]> record, Rejection rejection)
    {
        DeadLetter(rejection, $"{_inputTopic}/{record.Partition.Value}@{record.Offset.Value}", record.Message.Value);
        _merger.Skip(record.Partition.Value, record.Offset.Value);
    }

    /// <summary>Sends a record the stage cannot use to the dead-letter topic (inside the open transaction of a transactional stage).</summary>
    protected void DeadLetter(Rejection rejection, string source, byte[]? raw)
    {
        EnsureTransaction();
        DeadLetters.Write(rejection, source, raw);
    }

    /// <summary>
    /// Partitions added to the output topic get promises too (their readers would wait for them
    /// forever), and promises name every input partition as a source. A broker that cannot answer
    /// now leaves the counts as they were.
    /// </summary>
    private void RecountPartitions()
    {
        _sinceRecount.Restart();
        try
        {
            _inputPartitions = TopicProvisioner.PartitionCount(Context.Kafka, _inputTopic);
            _outputPartitions = TopicProvisioner.PartitionCount(Context.Kafka, _outputTopic!);
        }
        catch (KafkaException e)
        {
            Logger.LogWarning("{Stage} could not recount partitions now ({Reason}); trying again later", Stage, e.Error.Reason);
        }
    }

    private void ForwardWatermark()
    {
        var watermark = _merger.Watermark;
        if (_outputTopic is null || watermark <= _forwarded || watermark == long.MinValue) return;
        if (_sinceRecount.Elapsed >= RecountPartitionsEvery) RecountPartitions();
        EnsureTransaction();
        var sources = _merger.Partitions.ToList();
        WatermarkRecords.Broadcast(Producer, Deliveries, _outputTopic, _outputPartitions, sources, Math.Max(_inputPartitions, sources.DefaultIfEmpty(-1).Max() + 1), watermark);
        _forwarded = watermark;
    }

    /// <summary>
    /// Delivers every output, then stores the offsets below which all input was handled; a
    /// transactional stage commits outputs and those offsets together and opens the next transaction.
    /// </summary>
    /// <param name="periodic">
    /// The loop's regular checkpoint: its offsets are stored once what <see cref="OnCheckpoint"/>
    /// saves is written, while records go on flowing. Any other checkpoint waits for that.
    /// </param>
    private void Checkpoint(IConsumer<string?, byte[]> consumer, bool final = false, bool periodic = false)
    {
        StorePendingOffsets(consumer, wait: true); // the previous checkpoint's offsets go first
        Producer.Flush(_deliveryWait.Token);
        // A transactional stage hears of a refused record from CommitTransaction (abort, then re-read).
        if (!_transactional) Deliveries.ThrowIfRefused();
        var saved = OnCheckpoint();
        var offsets = new List<TopicPartitionOffset>();
        foreach (var partition in _merger.Partitions.ToList())
            if (_merger.CommitOffset(partition) is { } offset)
                offsets.Add(new TopicPartitionOffset(_inputTopic, partition, offset));
        if (_transactional)
        {
            saved.GetAwaiter().GetResult();
            EnsureTransaction();
            if (offsets.Count > 0) Producer.SendOffsetsToTransaction(offsets, consumer.ConsumerGroupMetadata, TransactionTimeout);
            Producer.CommitTransaction(TransactionTimeout);
            _inTransaction = false;
            OnCommitted();
            if (!final) EnsureTransaction();
            // A real cluster already holds these offsets from the transaction; the dev broker
            // (librdkafka's mock) accepts TxnOffsetCommit without storing it, so commit them plainly
            // too. Best effort: if it fails, a restart re-reads a little more (see DeliveredAlerts).
            if (offsets.Count > 0) TryCommit(consumer, offsets);
        }
        else
        {
            _pendingOffsets = (saved, offsets);
            StorePendingOffsets(consumer, wait: !periodic);
        }
        ConsumerLag.Report(consumer, Stage, Context.Metrics);
    }

    /// <summary>Stores the last checkpoint's offsets once its state is written (now, or when <paramref name="wait"/>, after waiting).</summary>
    private void StorePendingOffsets(IConsumer<string?, byte[]> consumer, bool wait)
    {
        if (_pendingOffsets is not { } pending || (!wait && !pending.Saved.IsCompleted)) return;
        pending.Saved.GetAwaiter().GetResult(); // outages are retried inside; anything else stops the stage
        foreach (var offset in pending.Offsets) consumer.StoreOffset(offset);
        _pendingOffsets = null;
    }

    /// <summary>
    /// Commits now (the stored offsets, or the given ones). A failure is logged, not thrown: the
    /// offsets are committed again at the next checkpoint, and at worst the next owner of the
    /// partition re-reads records whose results are idempotent.
    /// </summary>
    private void TryCommit(IConsumer<string?, byte[]> consumer, List<TopicPartitionOffset>? offsets)
    {
        try
        {
            if (offsets is null) consumer.Commit();
            else consumer.Commit(offsets);
        }
        catch (KafkaException e) when (e.Error.Code != ErrorCode.Local_NoOffset)
        {
            Logger.LogWarning("{Stage} could not commit offsets now ({Reason}); they are committed at the next checkpoint", Stage, e.Error.Reason);
        }
        catch (KafkaException)
        {
        }
    }

    /// <summary>Outputs of a transactional stage are produced inside the open transaction (one is opened on first need).</summary>
    private void EnsureTransaction()
    {
        if (!_transactional || _inTransaction) return;
        Producer.BeginTransaction();
        _inTransaction = true;
    }

    /// <summary>Runs before the stage's consumer joins its group: at start, and again after an aborted transaction.</summary>
    protected virtual void OnConsuming()
    {
    }

    /// <summary>
    /// True when a transactional stage holds outputs that readers should see now rather than at the
    /// next periodic commit (the alerter's recommendations: read_committed readers see nothing before).
    /// </summary>
    protected virtual bool OutputAwaitsCommit => false;

    /// <summary>
    /// Runs after every output was delivered and before offsets move; they move once the returned
    /// task completes (the scorer writes its state meanwhile, without holding up records).
    /// </summary>
    protected virtual Task OnCheckpoint() => Task.CompletedTask;

    /// <summary>A transactional stage's outputs since the previous commit are now committed.</summary>
    protected virtual void OnCommitted()
    {
    }

    /// <summary>A transactional stage's outputs since the previous commit were discarded; its input is read again.</summary>
    protected virtual void OnAborted()
    {
    }

    private void OnRevoked(IConsumer<string?, byte[]> consumer, List<TopicPartitionOffset> revoked)
    {
        if (_rewinding) return;
        Checkpoint(consumer);
        if (!_transactional) TryCommit(consumer, null);
        foreach (var tp in revoked)
        {
            _merger.Revoke(tp.Partition.Value);
            _gaps.Revoked(tp.Partition.Value);
            Context.Metrics.ClearLag(Stage, tp.Topic, tp.Partition.Value);
        }
    }

    public override void Dispose()
    {
        Producer.Dispose();
        base.Dispose(); // cancels the stop token, whose callback still uses the delivery wait
        _deliveryWait.Dispose();
        GC.SuppressFinalize(this);
    }
}
