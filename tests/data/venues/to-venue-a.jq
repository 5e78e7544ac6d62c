# TradeEvent v1 (one record per line) rewritten as venue A publishes trades (deploy/mappings/venue-a.json):
#   zcat tests/data/sample/classic.trades.jsonl.gz | jq -c -f tests/data/venues/to-venue-a.jq
def party: {uid: .account_id, oid: .order_id, via: ({api: "API", web: "WEB", mobile: "APP"}[.channel]),
             key: .api_key_id, broker: .app_id, ip: .client_ip};
(if .taker_side == "buy" then [.buyer, .seller] else [.seller, .buyer] end) as [$taker, $maker]
| {id: .trade_id, venue: .exchange,
   time: "\((.ts / 1000) | floor).\("00\(.ts % 1000)"[-3:])",
   pair: (.symbol | sub("-"; "/")), px: (.price | tostring), sz: (.qty | tostring),
   side: (if .taker_side == "buy" then "B" else "S" end),
   taker: ($taker | party), maker: ($maker | party)}
