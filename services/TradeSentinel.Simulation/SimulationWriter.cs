using System.IO.Compression;
using System.Text.Json;
using TradeSentinel.Core.Contract;

namespace TradeSentinel.Simulation;

/// <summary>Writes the simulated trades as TradeEvent v1 JSON Lines (gzip when the name ends in .gz) and their labels.</summary>
public static class SimulationWriter
{
    public static void Write(IReadOnlyList<SimTrade> trades, Func<SymbolSpec, long, double> quoteUsd, string tradesPath, string labelsPath)
    {
        var ids = new string[trades.Count];
        using (var file = File.Create(tradesPath))
        using (Stream output = tradesPath.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionLevel.Fastest) : file)
        using (var json = new Utf8JsonWriter(output))
        {
            for (var i = 0; i < trades.Count; i++)
            {
                ids[i] = $"T{i + 1:D9}";
                WriteTrade(json, trades[i], ids[i]);
                json.Flush();
                output.WriteByte((byte)'\n');
                json.Reset();
            }
        }
        WriteLabels(trades, ids, quoteUsd, labelsPath);
    }

    private static void WriteTrade(Utf8JsonWriter json, SimTrade t, string id)
    {
        json.WriteStartObject();
        json.WriteString("trade_id", id);
        json.WriteString("exchange", "sim");
        json.WriteNumber("ts", t.Ts);
        json.WriteString("symbol", t.Symbol.Symbol);
        json.WriteNumber("price", Math.Round(t.Price, 10, MidpointRounding.ToEven) is var p && p > 0 ? p : t.Price);
        json.WriteNumber("qty", Math.Round(t.Qty, 6) is var q && q > 0 ? q : t.Qty);
        json.WriteString("taker_side", t.TakerBuys ? "buy" : "sell");
        WriteParty(json, "buyer", t.Buyer, id + "b");
        WriteParty(json, "seller", t.Seller, id + "s");
        json.WriteEndObject();
    }

    private static void WriteParty(Utf8JsonWriter json, string name, SimParty p, string orderId)
    {
        json.WriteStartObject(name);
        json.WriteString("account_id", p.Account.Id);
        json.WriteString("order_id", "O" + orderId[1..]);
        json.WriteString("channel", p.Channel);
        json.WriteString("api_key_id", p.KeyId);
        json.WriteString("app_id", p.Key?.AppId);
        json.WriteString("client_ip", p.Ip);
        json.WriteEndObject();
    }

    private static void WriteLabels(IReadOnlyList<SimTrade> trades, string[] ids, Func<SymbolSpec, long, double> quoteUsd, string path)
    {
        using var output = File.CreateText(path);
        var victims = new Dictionary<SimAccount, (SimTrade First, string? KeyId)>();
        var beneficiaries = new List<SimAccount>();
        var apps = new Dictionary<string, long>();
        var lines = new List<string>();
        for (var i = 0; i < trades.Count; i++)
        {
            var t = trades[i];
            if (t.Victim is not { } victim) continue;
            var victimSide = t.Buyer.Account == victim ? t.Buyer : t.Seller;
            victims.TryAdd(victim, (t, victimSide.KeyId));
            if (!beneficiaries.Contains(t.Beneficiary!)) beneficiaries.Add(t.Beneficiary!);
            if (t.LeakedApp is { } app) apps.TryAdd(app, t.Ts);
            var usd = Math.Round(t.Price * t.Qty * quoteUsd(t.Symbol, t.Ts), 2);
            lines.Add(Json(new { kind = LabelKinds.MaliciousTrade, trade_id = ids[i], victim = victim.Id, beneficiary = t.Beneficiary!.Id, usd }));
        }
        foreach (var (app, first) in apps) output.WriteLine(Json(new { kind = LabelKinds.AppLeak, app_id = app, first_ts = first }));
        foreach (var b in beneficiaries) output.WriteLine(Json(new { kind = LabelKinds.Beneficiary, account_id = b.Id }));
        foreach (var (v, (first, keyId)) in victims)
            output.WriteLine(Json(new { kind = LabelKinds.Victim, account_id = v.Id, api_key_id = keyId, app_id = v.Key?.AppId, first_ts = first.Ts }));
        foreach (var line in lines) output.WriteLine(line);
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
