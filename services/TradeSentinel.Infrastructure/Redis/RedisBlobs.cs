using StackExchange.Redis;

namespace TradeSentinel.Infrastructure.Redis;

/// <summary>
/// One encoded value per id under <c>{prefix}{kind}:{id}</c>: how a stage checkpoints its state (the
/// scorer's accounts, the market stage's tapes). Reads and writes are pipelined, one command per
/// key, so that keys on different Redis Cluster slots work too (unlike MGET).
/// </summary>
public sealed class RedisBlobs(RedisConnector redis, string kind, TimeSpan ttl)
{
    private RedisKey Key(string id) => redis.Keys.Blob(kind, id);

    public async Task<Dictionary<string, byte[]>> LoadAsync(IReadOnlyCollection<string> ids)
    {
        var db = redis.Connection.GetDatabase();
        var reads = ids.Select(id => (Id: id, Value: db.StringGetAsync(Key(id)))).ToList();
        await Task.WhenAll(reads.Select(r => r.Value));
        var found = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (id, value) in reads)
            if (value.Result is { HasValue: true } bytes) found[id] = bytes!;
        return found;
    }

    public Task SaveAsync(IReadOnlyDictionary<string, byte[]> blobs)
    {
        var db = redis.Connection.GetDatabase();
        var writes = new List<Task>(blobs.Count);
        foreach (var (id, encoded) in blobs) writes.Add(db.StringSetAsync(Key(id), encoded, ttl));
        return Task.WhenAll(writes);
    }
}
