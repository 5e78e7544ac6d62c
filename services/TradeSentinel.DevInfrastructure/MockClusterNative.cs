using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace TradeSentinel.DevInfrastructure;

/// <summary>
/// The few librdkafka mock-cluster functions, bound to the very librdkafka file Confluent.Kafka
/// loaded (on Debian that is the bundled centos8 build, the default one lacking libsasl2.so.3).
/// </summary>
internal static unsafe class MockClusterNative
{
    private static readonly nint Library = LoadSameLibraryAsConfluent();

    public static readonly delegate* unmanaged<nint> ConfNew = (delegate* unmanaged<nint>)Export("rd_kafka_conf_new");
    public static readonly delegate* unmanaged<nint, byte*, byte*, byte*, nuint, int> ConfSet =
        (delegate* unmanaged<nint, byte*, byte*, byte*, nuint, int>)Export("rd_kafka_conf_set");
    public static readonly delegate* unmanaged<int, nint, byte*, nuint, nint> New =
        (delegate* unmanaged<int, nint, byte*, nuint, nint>)Export("rd_kafka_new");
    public static readonly delegate* unmanaged<nint, void> Destroy = (delegate* unmanaged<nint, void>)Export("rd_kafka_destroy");
    public static readonly delegate* unmanaged<nint, int, nint> ClusterNew =
        (delegate* unmanaged<nint, int, nint>)Export("rd_kafka_mock_cluster_new");
    public static readonly delegate* unmanaged<nint, void> ClusterDestroy =
        (delegate* unmanaged<nint, void>)Export("rd_kafka_mock_cluster_destroy");
    public static readonly delegate* unmanaged<nint, byte*> ClusterBootstraps =
        (delegate* unmanaged<nint, byte*>)Export("rd_kafka_mock_cluster_bootstraps");
    public static readonly delegate* unmanaged<nint, byte*, int, int, int> TopicCreate =
        (delegate* unmanaged<nint, byte*, int, int, int>)Export("rd_kafka_mock_topic_create");
    public static readonly delegate* unmanaged<nint, int, int> BrokerSetDown =
        (delegate* unmanaged<nint, int, int>)Export("rd_kafka_mock_broker_set_down");
    public static readonly delegate* unmanaged<nint, int, int> BrokerSetUp =
        (delegate* unmanaged<nint, int, int>)Export("rd_kafka_mock_broker_set_up");

    public static readonly delegate* unmanaged<nint, short, nuint, int*, void> PushRequestErrors =
        (delegate* unmanaged<nint, short, nuint, int*, void>)Export("rd_kafka_mock_push_request_errors_array");

    private static nint Export(string name) => NativeLibrary.GetExport(Library, name);

    private static nint LoadSameLibraryAsConfluent()
    {
        _ = Confluent.Kafka.Library.Version; // makes Confluent.Kafka load its native library now
        var path = File.ReadLines("/proc/self/maps")
            .Select(line => line[(line.IndexOf('/') is var i and >= 0 ? i : line.Length)..])
            .FirstOrDefault(p => Path.GetFileName(p).Contains("librdkafka", StringComparison.Ordinal) && p.EndsWith(".so", StringComparison.Ordinal))
            ?? throw new KafkaException(ErrorCode.Local_Fatal);
        return NativeLibrary.Load(path);
    }
}
