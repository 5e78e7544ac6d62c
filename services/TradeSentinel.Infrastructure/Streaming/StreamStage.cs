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
/// (see <see cref="EventTimeMerger{T}"/>), forwards the watermark to its output topic, and makes its
/// input offsets durable only with the outputs they produced, as its <see cref="ICommitProtocol"/> says.
/// </summary>
public abstract class StreamStage<TIn> : BackgroundService
{
    private const int MaxBatch = 5000;
    private static readonly TimeSpan RecountPartitionsEvery = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CommittedLookup = TimeSpan.FromSeconds(30);

    // Once the stage is asked to stop, how long it still waits for its outputs to be delivered. With the
    // broker gone they never would be: it gives up, commits nothing, and the next run produces them again.
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);
    private readonly CancellationTokenSource _deliveryWait = new();
    private int _disposed;

    private EventTimeMerger<TIn> _merger = new();
    private readonly List<TIn> _released = new(MaxBatch);
    private readonly OffsetGaps _gaps;
    private readonly ICommitProtocol _commits;
    private readonly string _inputTopic;
    private readonly string? _outputTopic;
    private int _inputPartitions;
    private int _outputPartitions;
    private readonly Stopwatch _sinceRecount = Stopwatch.StartNew();
    private long _forwarded = long.MinValue;
    private int _passedOver;
    private bool _ended;
    private bool _leaving;
    private bool _countsFixed;
    private readonly ConsumerConfig _consumerConfig;
    private volatile Error? _fatal; // set on librdkafka's thread, read on the stage's

    protected StreamStage(string stage, StageContext context, string inputTopic, string? outputTopic, ICommitProtocol commits)
    {
        Stage = stage;
        Context = context;
        _inputTopic = inputTopic;
        _outputTopic = outputTopic;
        _commits = commits;
        Logger = context.Loggers.CreateLogger(GetType());
        var prefix = context.Kafka.Options.GroupPrefix;
        _consumerConfig = context.Kafka.Consumer(stage);
        _consumerConfig.ConsumeResultFields = "headers"; // watermarks are marked by a header; topic names and timestamps are never read
        var producerConfig = context.Kafka.Producer($"{prefix}.{stage}");
        commits.Configure(producerConfig, _consumerConfig, $"{prefix}.{stage}.{context.Kafka.Options.InstanceId ?? Environment.MachineName}");
        Producer = context.CreateProducer(producerConfig, OnProducerError);
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
            _commits.Start(Producer, Logger, Stage);
            while (!ConsumeUntilStopped(stop))
            {
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            if (e is KafkaException { Error.IsFatal: true } fatal)
                Logger.LogCritical(e, "{Stage} stopped: its producer hit a fatal error ({Code}: {Reason}) and can never produce again. No input offset moved past an output it lost; restart the stage (if it was fenced, another instance is running with the same Kafka:InstanceId)",
                    Stage, fatal.Error.Code, fatal.Error.Reason);
            else
                Logger.LogCritical(e, "{Stage} stopped", Stage);
            Context.Observer.Failed(Stage, e);
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
    /// One consumer's life. Returns false when the consumer had to leave its group to start over
    /// (an aborted transaction whose committed offsets could not be looked up to rewind to).
    /// </summary>
    private bool ConsumeUntilStopped(CancellationToken stop)
    {
        OnConsuming();
        using var consumer = new ConsumerBuilder<string?, byte[]>(_consumerConfig)
            .SetErrorHandler((_, e) => Logger.LogWarning("{Stage} consumer: {Reason}", Stage, e.Reason))
            .SetPartitionsAssignedHandler((c, assigned) =>
            {
                _gaps.Assigned(c, assigned);
                Assign(assigned.Select(tp => tp.Partition.Value));
            })
            .SetPartitionsRevokedHandler(OnRevoked)
            .SetPartitionsLostHandler(OnLost)
            .Build();
        consumer.Subscribe(_inputTopic);
        while (true)
        {
            try
            {
                Loop(consumer, stop);
                Checkpoint(consumer, CheckpointKind.Final);
                consumer.Close();
                return true;
            }
            catch (KafkaTxnRequiresAbortException e)
            {
                if (!Rewind(consumer, $"the broker aborted the transaction ({e.Error.Reason})")) return false;
            }
            catch (PartitionsLostException e)
            {
                if (!Rewind(consumer, e.Message)) return false;
            }
        }
    }

    private void Loop(IConsumer<string?, byte[]> consumer, CancellationToken stop)
    {
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
            ThrowIfProducerFailed();

            var justEnded = HandleReleased();
            _commits.Poll(consumer);
            if (sinceCommit.Elapsed >= _commits.Every || justEnded || OutputAwaitsCommit)
            {
                Checkpoint(consumer, justEnded ? CheckpointKind.Now : CheckpointKind.Periodic);
                sinceCommit.Restart();
            }
            if (justEnded) Context.Observer.StreamEnded(Stage);
        }
    }

    /// <summary>Input partitions this instance now reads (a test driver assigns them directly).</summary>
    internal void Assign(IEnumerable<int> partitions)
    {
        foreach (var partition in partitions) _merger.Assign(partition);
    }

    /// <summary>Partition counts of the input and output topics that never change (a test driver's topics): the broker is never asked.</summary>
    internal void FixPartitionCounts(int input, int output)
    {
        _inputPartitions = input;
        _outputPartitions = output;
        _countsFixed = true;
    }

    /// <summary>Takes one record read from the input topic (a test driver hands them in directly).</summary>
    internal void Accept(ConsumeResult<string?, byte[]> record)
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
        if (!wanted)
        {
            _merger.Skip(partition, record.Offset.Value);
            _passedOver++;
        }
        else if (decoded) _merger.Add(partition, record.Offset.Value, key, item);
        else Refuse(record, rejection);
    }

    /// <summary>
    /// Processes every record the watermarks now release and forwards the watermark. True once, when
    /// everything before the end-of-stream mark (replays only) has been handled.
    /// </summary>
    internal bool HandleReleased()
    {
        _released.Clear();
        _merger.Release(_released);
        if (_released.Count > 0)
        {
            _commits.BeforeOutput(Producer);
            Process(_released);
        }
        if (_released.Count + _passedOver > 0) Context.Observer.Handled(Stage, _released.Count + _passedOver);
        _passedOver = 0;
        ForwardWatermark();
        Context.Metrics.SetWatermark(Stage, _merger.Watermark);
        if (_ended || _merger.Watermark != Watermark.EndOfStream || _merger.Buffered != 0) return false;
        _ended = true;
        return true;
    }

    private void Refuse(ConsumeResult<string?, byte[]> record, Rejection rejection)
    {
        DeadLetter(rejection, RecordOrigin.Offset(_inputTopic, record.Partition.Value, record.Offset.Value).ToString(), record.Message.Value);
        _merger.Skip(record.Partition.Value, record.Offset.Value);
    }

    /// <summary>Sends a record the stage cannot use to the dead-letter topic (inside the open transaction of a transactional stage).</summary>
    protected void DeadLetter(Rejection rejection, string source, byte[]? raw)
    {
        _commits.BeforeOutput(Producer);
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
        if (!_countsFixed && _sinceRecount.Elapsed >= RecountPartitionsEvery) RecountPartitions();
        _commits.BeforeOutput(Producer);
        var sources = _merger.Partitions.ToList();
        WatermarkRecords.Broadcast(Producer, Deliveries, _outputTopic, _outputPartitions, sources, Math.Max(_inputPartitions, sources.DefaultIfEmpty(-1).Max() + 1), watermark);
        _forwarded = watermark;
    }

    /// <summary>Delivers every output, saves the stage's state, then makes the offsets below which all input was handled durable.</summary>
    private void Checkpoint(IConsumer<string?, byte[]> consumer, CheckpointKind kind)
    {
        _commits.BeforeFlush(consumer);
        Producer.Flush(_deliveryWait.Token);
        ThrowIfProducerFailed();
        _commits.Flushed(Deliveries);
        var saved = OnCheckpoint();
        var offsets = new List<TopicPartitionOffset>();
        foreach (var partition in _merger.Partitions.ToList())
            if (_merger.CommitOffset(partition) is { } offset)
                offsets.Add(new TopicPartitionOffset(_inputTopic, partition, offset));
        _commits.Commit(Producer, consumer, saved, offsets, kind);
        OnCommitted();
        ConsumerLag.Report(consumer, Stage, Context.Metrics);
    }

    /// <summary>
    /// After an aborted transaction: its outputs are discarded, and every assigned partition is read
    /// again from its committed offset with a fresh merger, without leaving the consumer group. False
    /// when the committed offsets cannot be looked up now: the consumer then leaves the group
    /// (committing nothing) and a new one joins, which resumes from them as a restarted process would.
    /// </summary>
    private bool Rewind(IConsumer<string?, byte[]> consumer, string reason)
    {
        Logger.LogWarning("{Stage}: {Reason}; the outputs of the open transaction are discarded and the input is read again from the committed offsets", Stage, reason);
        _commits.Abort(Producer);
        Context.Metrics.Rewinds.Add(1, new TagList { { "stage", Stage } });
        _merger = new EventTimeMerger<TIn>();
        _forwarded = long.MinValue;
        _passedOver = 0;
        Deliveries.Reset();
        OnAborted();
        var assignment = consumer.Assignment;
        try
        {
            foreach (var committed in consumer.Committed(assignment, CommittedLookup))
                consumer.Seek(new TopicPartitionOffset(committed.TopicPartition, committed.Offset == Offset.Unset ? Offset.Beginning : committed.Offset));
        }
        catch (KafkaException e)
        {
            Logger.LogWarning("{Stage}: cannot rewind now ({Reason}); leaving the consumer group to start again from the committed offsets", Stage, e.Error.Reason);
            _leaving = true;
            consumer.Close();
            _leaving = false;
            return false;
        }
        Assign(assignment.Select(tp => tp.Partition.Value));
        _gaps.Assigned(consumer, assignment);
        OnConsuming();
        return true;
    }

    private void OnProducerError(Error error)
    {
        if (error.IsFatal) _fatal ??= error;
        Logger.LogWarning("{Stage} producer: {Reason}", Stage, error.Reason);
    }

    /// <summary>A producer that hit a fatal error (fenced, or an idempotence sequence broken for good) produces nothing more: the stage stops.</summary>
    private void ThrowIfProducerFailed()
    {
        if (_fatal is { } fatal) throw new KafkaException(fatal);
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

    /// <summary>The stage's outputs since the previous checkpoint are delivered, and visible to (read_committed) readers.</summary>
    protected virtual void OnCommitted()
    {
    }

    /// <summary>A transactional stage's outputs since the previous commit were discarded; its input is read again.</summary>
    protected virtual void OnAborted()
    {
    }

    private void OnRevoked(IConsumer<string?, byte[]> consumer, List<TopicPartitionOffset> revoked)
    {
        if (_leaving) return;
        Checkpoint(consumer, CheckpointKind.Now);
        _commits.Revoked(consumer);
        Forget(revoked);
    }

    // Unlike revoked partitions, lost ones may already be read by their next owner: nothing of theirs is committed.
    private void OnLost(IConsumer<string?, byte[]> consumer, List<TopicPartitionOffset> lost)
    {
        Logger.LogWarning("{Stage}: partitions {Partitions} of {Topic} lost (this member's session expired); their offsets are not committed",
            Stage, string.Join(',', lost.Select(tp => tp.Partition.Value)), _inputTopic);
        Forget(lost);
        if (_commits.Lost(lost.Select(tp => tp.Partition.Value)))
            throw new PartitionsLostException($"partitions {string.Join(',', lost.Select(tp => tp.Partition.Value))} of {_inputTopic} were lost while the open transaction held outputs of theirs");
    }

    private void Forget(List<TopicPartitionOffset> partitions)
    {
        foreach (var tp in partitions)
        {
            _merger.Revoke(tp.Partition.Value);
            _gaps.Revoked(tp.Partition.Value);
            Context.Metrics.ClearLag(Stage, tp.Topic, tp.Partition.Value);
        }
    }

    private sealed class PartitionsLostException(string message) : Exception(message);

    /// <summary>
    /// A host disposes its services once its shutdown timeout has passed, even while a stage's thread
    /// is still in its last checkpoint (a loaded machine): that wait is cut short (no offset moves past
    /// an undelivered output). A thread still in a broker call after the grace keeps its producer and
    /// delivery wait until it returns: disposed under it, they threw ObjectDisposedException, and
    /// librdkafka aborts the whole process on a transactional call to a destroyed producer.
    /// </summary>
    public override void Dispose()
    {
        // Registered as a hosted service and as itself, so the container may dispose it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _deliveryWait.Cancel();
        try
        {
            ExecuteTask?.Wait(StopGrace);
        }
        catch (AggregateException)
        {
            // Already logged by the stage and observed by its host.
        }
        base.Dispose(); // cancels the stop token, whose callback still uses the delivery wait
        if (ExecuteTask is { IsCompleted: false } running)
        {
            Logger.LogWarning("{Stage} is still in a broker call {Grace} after its stop; its producer closes when the call returns", Stage, StopGrace);
            running.ContinueWith(_ => DisposeClients(), TaskScheduler.Default);
        }
        else
        {
            DisposeClients();
        }
        GC.SuppressFinalize(this);
    }

    private void DisposeClients()
    {
        Producer.Dispose();
        _deliveryWait.Dispose();
    }
}
