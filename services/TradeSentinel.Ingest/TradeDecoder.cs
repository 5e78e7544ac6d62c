using TradeSentinel.Core.Contract;
using TradeSentinel.Core.Validation;

namespace TradeSentinel.Ingest;

/// <summary>
/// Turns one raw record into a validated TradeEvent v1, or says why not: the contract's own format
/// (<see cref="TradeParser"/>) or a venue's, through its mapping (<see cref="Mapping.VenueRecordMapper"/>).
/// </summary>
public delegate bool TradeDecoder(ReadOnlySpan<byte> record, out TradeEvent trade, out Rejection rejection);
