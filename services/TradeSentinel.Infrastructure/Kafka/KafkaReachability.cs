using Confluent.Kafka;

namespace TradeSentinel.Infrastructure.Kafka;

/// <summary>
/// Whether the cluster answers a metadata request, for /readyz: asked at most every 5 s, so a
/// probe never waits on the broker for long.
/// </summary>
public sealed class KafkaReachability(KafkaClients clients) : IDisposable
{
    private static readonly TimeSpan AskEvery = TimeSpan.FromSeconds(5);
    private readonly Lazy<IAdminClient> _admin = new(() => new AdminClientBuilder(clients.Admin()).Build());
    private readonly Lock _lock = new();
    private DateTime _askedAt = DateTime.MinValue;
    private bool _reachable;

    public bool IsReachable
    {
        get
        {
            lock (_lock)
            {
                if (DateTime.UtcNow - _askedAt < AskEvery) return _reachable;
                _askedAt = DateTime.UtcNow;
                try
                {
                    _reachable = _admin.Value.GetMetadata(TimeSpan.FromSeconds(2)).Brokers.Count > 0;
                }
                catch (KafkaException)
                {
                    _reachable = false;
                }
                return _reachable;
            }
        }
    }

    public void Dispose()
    {
        if (_admin.IsValueCreated) _admin.Value.Dispose();
    }
}
