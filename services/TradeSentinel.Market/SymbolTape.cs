using TradeSentinel.Core.EventTime;
using TradeSentinel.Core.Pipeline;

namespace TradeSentinel.Market;

/// <summary>
/// One symbol's recent tape in per-minute buckets (bounded memory whatever the trade rate): the
/// reference price, its typical dispersion, and liquidity, in event time.
/// </summary>
/// <remarks>
/// The reference is a VWAP of prices clipped to a band around the current reference, so a burst
/// of trades far off the market (exactly what an attack is) cannot drag the reference up to
/// itself, while a genuine move still shifts it within a few minutes of volume. The dispersion
/// is bounded the same way.
/// </remarks>
public sealed class SymbolTape
{
    private const int Minutes = 60;
    private const int VwapMinutes = 15;
    private const long MinuteMs = 60_000;
    private const double MinDispersion = 0.001;
    private const double DefaultDispersion = 0.01;
    private const int MinTradesForDispersion = 10;

    private readonly Bucket[] _buckets = new Bucket[Minutes];
    // A trade far off the market is judged against the crowd that went nearly as far: a third of
    // its own deviation (in log terms). Ordinary sellers of a rising or liquid market (or buyers of
    // a falling one) then do not hide a stolen key's trade at several times the price.
    private const double ComparableShare = 1.0 / 3;

    // Both sides of off-market trades: who won (accounts) and who paid (origins: an app, or an
    // account trading on its own). An attacker opens as many winning accounts as he likes, but
    // the payers are his victims, and a leaked app's victims are one origin; a pump's payers are many.
    private readonly OffMarketCrowd _premiumSellers = new();
    private readonly OffMarketCrowd _discountBuyers = new();
    private readonly OffMarketCrowd _premiumPayers = new();
    private readonly OffMarketCrowd _discountPayers = new();
    private double _lastPrice;

    private struct Bucket
    {
        public long Minute;
        public double PriceQty;
        public double Qty;
        public double Usd;
        public int Trades;
        public double AbsLogDeviation;
    }

    public long LastTs { get; private set; }

    /// <summary>The last trade added, in the stage's release order: after a restart, a trade re-read up to it is already in the tape.</summary>
    public EventKey LastApplied { get; set; }

    private const byte CodecVersion = 1;

    /// <summary>The whole tape as bytes (the market stage's checkpoint).</summary>
    public byte[] Encode()
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream))
        {
            w.Write(CodecVersion);
            foreach (var b in _buckets)
            {
                w.Write(b.Minute); w.Write(b.PriceQty); w.Write(b.Qty); w.Write(b.Usd); w.Write(b.Trades); w.Write(b.AbsLogDeviation);
            }
            foreach (var crowd in Crowds) crowd.Write(w);
            w.Write(_lastPrice);
            w.Write(LastTs);
            w.Write(LastApplied.Ts); w.Write(LastApplied.TradeId ?? ""); w.Write(LastApplied.IsBuy);
        }
        return stream.ToArray();
    }

    /// <summary>A tape from <see cref="Encode"/>, or null for bytes of another version or damaged ones (the tape then starts empty).</summary>
    public static SymbolTape? Decode(byte[] bytes)
    {
        try
        {
            using var r = new BinaryReader(new MemoryStream(bytes));
            if (r.ReadByte() != CodecVersion) return null;
            var tape = new SymbolTape();
            for (var i = 0; i < Minutes; i++)
                tape._buckets[i] = new Bucket
                {
                    Minute = r.ReadInt64(),
                    PriceQty = r.ReadDouble(),
                    Qty = r.ReadDouble(),
                    Usd = r.ReadDouble(),
                    Trades = r.ReadInt32(),
                    AbsLogDeviation = r.ReadDouble(),
                };
            foreach (var crowd in tape.Crowds) crowd.Read(r);
            tape._lastPrice = r.ReadDouble();
            tape.LastTs = r.ReadInt64();
            tape.LastApplied = new EventKey(r.ReadInt64(), r.ReadString(), r.ReadBoolean());
            return tape;
        }
        catch (EndOfStreamException)
        {
            return null;
        }
    }

    private OffMarketCrowd[] Crowds => [_premiumSellers, _discountBuyers, _premiumPayers, _discountPayers];

    /// <summary>
    /// The market just before a trade at <paramref name="ts"/> and <paramref name="price"/> between
    /// the given buyer's and seller's origins (left out of the payers they would be).
    /// </summary>
    public MarketContext ContextAt(long ts, double price, int buyerOrigin = 0, int sellerOrigin = 0)
    {
        var now = ts / MinuteMs;
        double pq15 = 0, q15 = 0, pq60 = 0, q60 = 0, usd = 0, dev = 0;
        var trades = 0;
        foreach (ref readonly var b in _buckets.AsSpan())
        {
            var age = now - b.Minute;
            if (b.Trades == 0 || age < 0 || age >= Minutes) continue;
            pq60 += b.PriceQty; q60 += b.Qty; usd += b.Usd; trades += b.Trades; dev += b.AbsLogDeviation;
            if (age < VwapMinutes) { pq15 += b.PriceQty; q15 += b.Qty; }
        }
        var reference = q15 > 0 ? pq15 / q15 : q60 > 0 ? pq60 / q60 : _lastPrice;
        var deviation = reference > 0 ? Math.Log(price / reference) : 0;
        return new MarketContext
        {
            Vwap15m = reference,
            Dispersion = trades >= MinTradesForDispersion ? Math.Max(MinDispersion, dev / trades) : DefaultDispersion,
            UsdVolume1h = usd,
            Trades1h = trades,
            PremiumSellers5m = _premiumSellers.CountAt(ts, ComparableShare * deviation),
            DiscountBuyers5m = _discountBuyers.CountAt(ts, -ComparableShare * deviation),
            PremiumPayers5m = _premiumPayers.CountAt(ts, ComparableShare * deviation, except: buyerOrigin),
            DiscountPayers5m = _discountPayers.CountAt(ts, -ComparableShare * deviation, except: sellerOrigin),
        };
    }

    /// <summary>
    /// Adds a trade (its buyer's and seller's account hashes and origin hashes too), given the
    /// context computed for it just before.
    /// </summary>
    public void Add(long ts, double price, double qty, double usd, MarketContext before, int buyer = 0, int seller = 0,
        int buyerOrigin = 0, int sellerOrigin = 0)
    {
        var minute = ts / MinuteMs;
        ref var b = ref _buckets[minute % Minutes];
        if (b.Minute != minute) b = new Bucket { Minute = minute };
        var clipped = price;
        var deviation = 0.0;
        if (before.Vwap15m > 0)
        {
            var band = Math.Max(4 * before.Dispersion, 0.02);
            var logDev = Math.Log(price / before.Vwap15m);
            clipped = before.Vwap15m * Math.Exp(Math.Clamp(logDev, -band, band));
            // Capped tighter than the price: a run of off-market trades must not teach the tape that
            // off-market is normal (it would hide the very trades that inflated it).
            deviation = Math.Min(Math.Abs(logDev), 2 * before.Dispersion);
            var offMarket = Math.Max(2 * before.Dispersion, 0.01);
            if (logDev > offMarket)
            {
                _premiumSellers.Remember(seller, ts, logDev);
                _premiumPayers.Remember(buyerOrigin, ts, logDev);
            }
            else if (logDev < -offMarket)
            {
                _discountBuyers.Remember(buyer, ts, -logDev);
                _discountPayers.Remember(sellerOrigin, ts, -logDev);
            }
        }
        b.PriceQty += clipped * qty;
        b.Qty += qty;
        b.Usd += usd;
        b.Trades++;
        b.AbsLogDeviation += deviation;
        _lastPrice = price;
        LastTs = Math.Max(LastTs, ts);
    }
}
