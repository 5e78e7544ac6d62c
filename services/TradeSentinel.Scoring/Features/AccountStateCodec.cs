using TradeSentinel.Core.EventTime;

namespace TradeSentinel.Scoring.Features;

/// <summary>
/// A compact binary form of <see cref="AccountState"/> (a few hundred bytes) for the state store.
/// The first byte is the format version; version 1 (before <see cref="AccountState.OffMarketWins"/>)
/// is read with no wins counted, version 2 (before the off-market USD flows) with no flows, a
/// record of any other version is treated as absent.
/// </summary>
public static class AccountStateCodec
{
    private const byte Version = 3;

    public static byte[] Encode(AccountState s)
    {
        using var buffer = new MemoryStream(256);
        using (var w = new BinaryWriter(buffer))
        {
            w.Write(Version);
            w.Write(s.Fills);
            w.Write(s.OffMarketWins);
            w.Write(s.LastTs);
            w.Write(s.LogUsdMean);
            w.Write(s.BurstLevel);
            w.Write(s.BurstTs);
            w.Write(s.LastApplied.Ts);
            w.Write(s.LastApplied.TradeId ?? "");
            w.Write(s.LastApplied.IsBuy);
            WriteInts(w, s.Symbols);
            w.Write((byte)s.Keys.Count);
            foreach (var key in s.Keys)
            {
                w.Write(key.KeyId);
                w.Write(key.LastTs);
                WriteInts(w, key.Ips);
            }
            w.Write((byte)s.Payers.Count);
            foreach (var (account, ts) in s.Payers)
            {
                w.Write(account);
                w.Write(ts);
            }
            w.Write(s.OffMarketWonUsd);
            w.Write(s.OffMarketLostUsd);
            w.Write(s.FlowTs);
        }
        return buffer.ToArray();
    }

    public static AccountState? Decode(byte[] bytes)
    {
        if (bytes.Length == 0 || bytes[0] is not (1 or 2 or Version)) return null;
        using var r = new BinaryReader(new MemoryStream(bytes, 1, bytes.Length - 1));
        var s = new AccountState
        {
            Fills = r.ReadInt64(),
            OffMarketWins = bytes[0] >= 2 ? r.ReadInt64() : 0,
            LastTs = r.ReadInt64(),
            LogUsdMean = r.ReadDouble(),
            BurstLevel = r.ReadDouble(),
            BurstTs = r.ReadInt64(),
        };
        s.LastApplied = new EventKey(r.ReadInt64(), r.ReadString(), r.ReadBoolean());
        ReadInts(r, s.Symbols);
        for (int k = 0, keys = r.ReadByte(); k < keys; k++)
        {
            var key = new AccountState.KeyUse(r.ReadString()) { LastTs = r.ReadInt64() };
            ReadInts(r, key.Ips);
            s.Keys.Add(key);
        }
        for (int p = 0, payers = r.ReadByte(); p < payers; p++) s.Payers.Add((r.ReadInt32(), r.ReadInt64()));
        if (bytes[0] >= 3)
        {
            s.OffMarketWonUsd = r.ReadDouble();
            s.OffMarketLostUsd = r.ReadDouble();
            s.FlowTs = r.ReadInt64();
        }
        return s;
    }

    private static void WriteInts(BinaryWriter w, List<int> values)
    {
        w.Write((byte)values.Count);
        foreach (var v in values) w.Write(v);
    }

    private static void ReadInts(BinaryReader r, List<int> into)
    {
        for (int i = 0, n = r.ReadByte(); i < n; i++) into.Add(r.ReadInt32());
    }
}
