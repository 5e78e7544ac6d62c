using TradeSentinel.Ingest;
using TradeSentinel.Ingest.Mapping;

namespace TradeSentinel.Service;

/// <summary>A mapping file that cannot be used stops <c>sentinel ingest</c> at once, with what is wrong, before it joins any group.</summary>
public static class VenueMappingCheck
{
    public static void ThrowIfInvalid(IngestOptions options)
    {
        if (options.Mapping is not { } path) return;
        if (options.FromTopic is null) throw new UsageException("--mapping applies to --from-topic");
        try
        {
            VenueMapping.Load(path);
        }
        catch (InvalidDataException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
