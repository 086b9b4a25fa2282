#!/usr/bin/env bash
# Beacon routing (Flare) results tables, from the repository root: bash results/tables/beacon.sh [snapshot|mcp1m|flare]
# (default: all three). Called by regenerate.sh; each table is a pure function of the code, the shipped snapshots (data/snapshots) and
# the seeds, so a rerun leaves `git diff` empty.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export LNSIM_JAVA_OPTS="${LNSIM_JAVA_OPTS:--Xmx8g}"
out=results/tables
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
snap="$(cd data/snapshots && pwd)/clightning-listchannels-2019-05-14.json.gz"
parts="${*:-snapshot mcp1m flare}"

# One table per run folder, built by `lnsim table beacon` from its summary.csv and node_state_summary.csv read by
# column name (see results/COLUMNS.md and `./lnsim table beacon --help`).

sweep() { # network-name network-file-override-args...
  local name="$1"; shift
  for a in 10000 1000000; do
    ./lnsim run experiments/configs/beacon-sweep.yaml "$@" --set "workload.amount.sat=$a" --quiet --threads 2 \
      --out "$tmp/$name-$a" > /dev/null
    echo
    echo "## $a sat"
    echo
    ./lnsim table beacon "$tmp/$name-$a"
  done
}

header() {
  echo "Columns: success rate; fee in ppm of the amount (delivered payments); discovery = simulated time spent on"
  echo "table requests before HTLCs (all payments); table requests per payment; messages and bytes per payment"
  echo "including set-up traffic spread over the payments (source: each node's full gossip sync; beacon: neighbour"
  echo "tables and beacon requests) and the receiver's table sent with each payment request; per-node state over"
  echo "nodes with channels; state p50 in % of full gossip (gossip_bytes_raw, what every source node holds). Set-up,"
  echo "per node with channels: messages sent and bytes received (source: its full gossip sync; beacon: its"
  echo "neighbourhood table, then the prototype's beacon acquisition replayed: a beacon_req to every node of its table,"
  echo "every suggestion of a closer node followed until a candidate accepts, one onion message per hop each way, the"
  echo "answers bringing the beacon paths) and, for beacon, the simulated time until its last answer, the beacon"
  echo "requests it sent end to end, and how many of its B true XOR-closest beacons those requests reached (routing"
  echo "uses all B: see BeaconRouting and BeaconDiscovery for the departures)."
}

if [[ " $parts " == *" snapshot "* ]]; then
  {
    echo "# Beacon routing (Flare) against full gossip on the 2019-05-14 snapshot"
    echo
    echo "Regenerate: \`bash results/tables/beacon.sh snapshot\`, which runs for A = 10000 and 1000000 sat:"
    echo
    echo '```'
    echo "./lnsim run experiments/configs/beacon-sweep.yaml --set workload.amount.sat=A"
    echo '```'
    echo
    echo "500 payments per amount between nodes with a usable channel each way, uniform balances, seed 1; beacon-rR-bB"
    echo "is radius R with B beacons (max beacon distance 100, up to 3 table requests, cost ranking)."
    header
    sweep snapshot
  } > "$out/beacon-2019-05-14.md"
fi

if [[ " $parts " == *" mcp1m "* ]]; then
  ./lnsim generate --channels 1000000 --seed 1 --quiet --out "$tmp/mcp-1m-seed1.lnsim"
  {
    echo "# Beacon routing (Flare) against full gossip on the generated 1M-channel network"
    echo
    echo "Regenerate: \`bash results/tables/beacon.sh mcp1m\`, which runs for A = 10000 and 1000000 sat:"
    echo
    echo '```'
    echo "./lnsim generate --channels 1000000 --seed 1 --out mcp-1m-seed1.lnsim"
    echo "./lnsim run experiments/configs/beacon-sweep.yaml --set network.file=mcp-1m-seed1.lnsim --set workload.amount.sat=A"
    echo '```'
    echo
    echo "500 payments per amount between nodes with a usable channel each way, uniform balances, seed 1; beacon-rR-bB"
    echo "is radius R with B beacons (max beacon distance 100, up to 3 table requests, cost ranking)."
    header
    sweep mcp1m --set "network.file=$tmp/mcp-1m-seed1.lnsim"
  } > "$out/beacon-mcp-1m.md"
fi
if [[ " $parts " == *" flare "* ]]; then
  ./lnsim run experiments/configs/beacon-flare-2016.yaml --quiet --threads 2 --out "$tmp/flare-ws" > /dev/null
  ./lnsim run experiments/configs/beacon-flare-2016.yaml --set network.generate= --set "network.file=$snap" \
    --quiet --threads 2 --out "$tmp/flare-snap" > /dev/null
  {
    echo "# ACINQ's 2016 Flare test beside lnsim's beacon routing"
    echo
    echo "Regenerate: \`bash results/tables/beacon.sh flare\`, which runs:"
    echo
    echo '```'
    echo "./lnsim run experiments/configs/beacon-flare-2016.yaml"
    echo "./lnsim run experiments/configs/beacon-flare-2016.yaml --set network.generate= \\"
    echo "    --set network.file=data/snapshots/clightning-listchannels-2019-05-14.json.gz"
    echo '```'
    echo
    echo "ACINQ's published figure (2016, eclair Flare prototype): on a 2,500-node small world (Watts-Strogatz k = 4,"
    echo "p = 0.2), radius 2 and 5 beacons, 1,000 random pairs, an \"80+% chance of finding a route to any other node"
    echo "in ~500 ms\". lnsim: the same graph model and parameters, 1,000 random pairs (seed 1), 1,000-sat payments"
    echo "with the fee budget lifted. What differs: lnsim's channels have capacities, uniform random balances and MCP's"
    echo "fees, and its router minimises c-lightning's cost, not hop count; beacons are the exact XOR-closest (the"
    echo "prototype's requests, replayed for set-up cost, reach only part of them: see beacon-2019-05-14.md); the number of table requests per payment is bounded"
    echo "(3 by default); discovery time is simulated network time (round trips of the table requests under the"
    echo "commitment latency model, median RTT 100 ms), while the prototype's 500 ms was measured wall time."
    echo "\"route found\" = the payment sent at least one HTLC; \"success\" = it was delivered."
    for part in ws snap; do
      echo
      if [[ $part == ws ]]; then echo "## Watts-Strogatz, 2,500 nodes, k = 4, p = 0.2"; else echo "## 2019-05-14 snapshot"; fi
      echo
      # the route-found share (payments that sent at least one HTLC) with discovery time: payments.csv, summary.csv
      ./lnsim table flare "$tmp/flare-$part"
    done
  } > "$out/beacon-flare-2016.md"
fi
echo "beacon tables regenerated in $out"
