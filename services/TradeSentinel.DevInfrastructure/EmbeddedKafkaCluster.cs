using System.Runtime.InteropServices;
using System.Text;
using Confluent.Kafka;

namespace TradeSentinel.DevInfrastructure;

/// <summary>
/// librdkafka's mock cluster: an in-memory Kafka that speaks the real protocol on loopback TCP.
/// For development and tests only: it keeps about 5 MB per partition and nothing on disk.
/// </summary>
public sealed unsafe class EmbeddedKafkaCluster : IDisposable
{
    private const int ProducerType = 0;

    /// <summary>
    /// The fetch wait its clients should use: this broker answers a fetch that finds no data only
    /// after the whole wait (librdkafka's <c>rdkafka_mock_handlers.c</c> says as much), where a real
    /// broker answers as soon as data arrives.
    /// </summary>
    public const int FetchWaitMaxMs = 2;
    private nint _handle;
    private nint _cluster;

    public string BootstrapServers { get; }

    public int Brokers { get; }

    public EmbeddedKafkaCluster(int brokers = 3)
    {
        Brokers = brokers;
        var conf = MockClusterNative.ConfNew();
        Set(conf, "log_level", "3");
        var error = stackalloc byte[512];
        _handle = MockClusterNative.New(ProducerType, conf, error, 512);
        if (_handle == 0) throw new InvalidOperationException("rd_kafka_new failed: " + Marshal.PtrToStringUTF8((nint)error));
        _cluster = MockClusterNative.ClusterNew(_handle, brokers);
        if (_cluster == 0) throw new InvalidOperationException("rd_kafka_mock_cluster_new failed");
        BootstrapServers = Marshal.PtrToStringUTF8((nint)MockClusterNative.ClusterBootstraps(_cluster))!;
    }

    public void CreateTopic(string name, int partitions)
    {
        fixed (byte* topic = Utf8(name))
        {
            var err = MockClusterNative.TopicCreate(_cluster, topic, partitions, Math.Min(3, Brokers));
            if (err != 0) throw new InvalidOperationException($"creating topic {name} failed with librdkafka error {err}");
        }
    }

    /// <summary>Takes a broker off the network (fault tests); broker ids start at 1.</summary>
    public void SetBrokerDown(int brokerId) => MockClusterNative.BrokerSetDown(_cluster, brokerId);

    public void SetBrokerUp(int brokerId) => MockClusterNative.BrokerSetUp(_cluster, brokerId);

    /// <summary>
    /// The next requests of Kafka API <paramref name="apiKey"/> (0 Produce, 1 Fetch, 8 OffsetCommit, …),
    /// on any broker, fail with these errors in turn (fault tests).
    /// </summary>
    public void PushRequestErrors(short apiKey, params ErrorCode[] errors)
    {
        var codes = errors.Select(e => (int)e).ToArray();
        fixed (int* p = codes) MockClusterNative.PushRequestErrors(_cluster, apiKey, (nuint)codes.Length, p);
    }

    public void Dispose()
    {
        if (_cluster != 0) MockClusterNative.ClusterDestroy(_cluster);
        if (_handle != 0) MockClusterNative.Destroy(_handle);
        _cluster = _handle = 0;
    }

    private static void Set(nint conf, string name, string value)
    {
        var error = stackalloc byte[256];
        fixed (byte* n = Utf8(name), v = Utf8(value))
            MockClusterNative.ConfSet(conf, n, v, error, 256);
    }

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s + '\0');
}
