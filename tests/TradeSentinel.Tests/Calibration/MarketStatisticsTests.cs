using TradeSentinel.Tools.Calibration;

namespace TradeSentinel.Tests.Calibration;

/// <summary>`sentinel calibrate` measures a tape the way an analyst would by hand.</summary>
public sealed class MarketStatisticsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sentinel-calibration-").FullName;
    private readonly MarketStatistics _stats;

    public MarketStatisticsTests()
    {
        var tape = Path.Combine(_dir, "tape.jsonl");
        CalibrationTape.Write(tape);
        _stats = MarketStatistics.Measure(TapeSeries.Read([tape]));
    }

    [Fact]
    public void Each_symbol_is_measured_on_its_own_trades_and_only_quiet_ones_count_as_thin()
    {
        Assert.Equal(410, _stats.Trades);
        Assert.Equal(3, _stats.Symbols);
        Assert.Equal(2, _stats.ThinSymbols); // AAA and PPP; BUSY has 400 trades in its hour
        Assert.Equal([0, 2, 60, 60, 240, 600, 600, 3_900], _stats.ThinInterArrivalSeconds);
        Assert.Equal(3 + 5 + 399, _stats.InterArrivalSeconds.Length);
        Assert.Equal(150, Quantiles.OfSorted(_stats.ThinInterArrivalSeconds, 0.5), 9); // halfway between 60 and 240
    }

    [Fact]
    public void Sizes_are_usd_values_and_shares_count_consecutive_pairs_of_a_symbol()
    {
        Assert.Equal([1, 1.1, 1.1, 1.2, 1.5, 3.6, 10, 50, 100, 202], _stats.ThinSizeUsd.Select(v => Math.Round(v, 9)));
        Assert.Equal(410, _stats.SizeUsd.Length);
        // Same price: AAA's first pair, PPP's flat end, all 399 of BUSY's pairs.
        Assert.Equal(401.0 / 407, _stats.SamePriceShare, 12);
        Assert.Equal(1.0 / 407, _stats.SameMillisecondShare, 12);
        double[] moves = [Math.Log(1.01), Math.Log(1.01), Math.Log(1.2), Math.Log(1.5), Math.Log(1.5 / 1.2), Math.Log(1.2 / 1.1)];
        Assert.Equal(moves.Order().Select(v => Math.Round(v, 12)), _stats.AbsLogReturnWhenMoved.Select(v => Math.Round(v, 12)));
    }

    [Fact]
    public void The_longest_silence_of_each_symbol_is_its_widest_gap()
    {
        Assert.Equal([1.0 / 60, 1, 65], _stats.LongestSilenceMinutes);
        Assert.Equal([1, 65], _stats.ThinLongestSilenceMinutes);
    }

    [Fact]
    public void A_pump_is_measured_from_its_low_to_its_peak_and_through_its_decay()
    {
        var pump = Assert.Single(_stats.Pumps);
        Assert.Equal("PPP-USDT", pump.Symbol);
        Assert.Equal(CalibrationTape.Start + 10 * CalibrationTape.Minute, pump.TroughTs);
        Assert.Equal(10, pump.RiseMinutes, 9);
        Assert.Equal(0.5, pump.Rise, 9);
        Assert.Equal(1.5 / 1.15, pump.PeakOverVwap, 9); // the hour up to the low: 3 at 1.2 and 1 at 1.0
        Assert.Equal(1, pump.HalfLifeMinutes, 9);       // 1.2 a minute after the peak is below 1.25
        Assert.Equal(0.8, pump.RetracedAfterHour, 9);   // an hour after the peak the last price was 1.1
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
