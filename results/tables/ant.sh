#!/usr/bin/env bash
# Ant routing results tables, from the repository root: bash results/tables/ant.sh [snapshot|mcp1m] (default both).
# Called by regenerate.sh; a pure function of the code, the shipped snapshot (data/snapshots) and the seeds, so a rerun leaves
# `git diff` empty. About 20 s for the snapshot, 6 min for the 1M network.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export LNSIM_JAVA_OPTS="${LNSIM_JAVA_OPTS:--Xmx8g}"
out=results/tables
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
parts="${*:-snapshot mcp1m}"

# One table per run folder, built by `lnsim table ant` from the run's files read by column name (summary.csv,
# node_state_summary.csv, node_state.csv, node_ids.csv; see results/COLUMNS.md and `./lnsim table ant --help`).

explain() {
  echo "500 payments per amount at 5 payments/s between nodes with a usable channel each way, uniform balances, seed 1."
  echo "ant floods both seeds; ant.selective-kK forwards each seed to the K best peers by completed payments. Columns:"
  echo "discovery = simulated time from the payment's start to the chosen match at the payer (all payments); messages"
  echo "and bytes per payment include set-up (source: each node's full gossip sync, spread over the payments); state"
  echo "= routing state per node with channels (source: the whole gossip; ant: peak mempool bytes and, selective, its"
  echo "history); the busiest node's seed messages per second at a network-wide payment rate = its seeds received per"
  echo "payment in this run × the rate (flooding cost is linear in the rate; mempools, which are not, are in state),"
  echo "so it must handle 1,000 (10,000) seeds/s from a network rate of 1,000 (10,000) / its seeds per payment. Seeds"
  echo "per payment at a node: p50 and p99 over nodes with channels. Busiest node: its index in node-id order (as in"
  echo "payments.csv and node_state.csv), the first 16 hex digits of its id, its alias when the network has one, and"
  echo "its channel count (all from the run's node_ids.csv)."
}

sweep() { # name extra-args...
  local name="$1"; shift
  for a in 10000 1000000; do
    ./lnsim run experiments/configs/ant-sweep.yaml "$@" --set "workload.amount.sat=$a" --quiet --threads 2 \
      --out "$tmp/$name-$a" > /dev/null
    echo
    echo "## $a sat"
    echo
    ./lnsim table ant "$tmp/$name-$a"
  done
}

# Per-node mempools and seed load against the network's payment rate (plain ant, 10k sat; extra arguments choose
# the network), one row per rate: `lnsim table ant-rates` (peak entries and state over nodes with channels; the
# busiest node's seeds per second = its seeds received over the run's arrival span, payments / rate).
rates() {
  echo
  echo "## Mempools and seed load against the payment rate (ant, 10000 sat)"
  echo
  echo "Each row: the workload of the tables above (500 payments) drawn at another rate"
  echo "(\`--set 'protocols=[ant]' --set workload.rate_per_s=R\`). Peak mempool entries and state bytes per node with"
  echo "channels (p50 / p99 / max); the busiest node's seeds per second over the payments' arrival span. Mempools grow"
  echo "with the rate (entries live wipe-after = 3 s); the busiest node's seed rate grows linearly with it."
  echo
  local runs=()
  for r in 1 10 100; do
    ./lnsim run experiments/configs/ant-sweep.yaml "$@" --set 'protocols=[ant]' --set workload.amount.sat=10000 \
      --set "workload.rate_per_s=$r" --quiet --threads 2 --out "$tmp/rate-$r" > /dev/null
    runs+=("$r=$tmp/rate-$r")
  done
  ./lnsim table ant-rates "${runs[@]}"
}

if [[ " $parts " == *" snapshot "* ]]; then
  {
    echo "# Ant routing against full gossip on the 2019-05-14 snapshot"
    echo
    echo "Regenerate: \`bash results/tables/ant.sh snapshot\`, which runs for A = 10000 and 1000000 sat:"
    echo
    echo '```'
    echo "./lnsim run experiments/configs/ant-sweep.yaml --set workload.amount.sat=A"
    echo '```'
    echo
    explain
    sweep snapshot
    rates
  } > "$out/ant-2019-05-14.md"
fi

if [[ " $parts " == *" mcp1m "* ]]; then
  ./lnsim generate --channels 1000000 --seed 1 --quiet --out "$tmp/mcp-1m-seed1.lnsim"
  {
    echo "# Ant routing against full gossip on the generated 1M-channel network"
    echo
    echo "Regenerate: \`bash results/tables/ant.sh mcp1m\`, which runs for A = 10000 and 1000000 sat:"
    echo
    echo '```'
    echo "./lnsim generate --channels 1000000 --seed 1 --out mcp-1m-seed1.lnsim"
    echo "./lnsim run experiments/configs/ant-sweep.yaml --set network.file=mcp-1m-seed1.lnsim --set workload.amount.sat=A"
    echo '```'
    echo
    explain
    sweep mcp1m --set "network.file=$tmp/mcp-1m-seed1.lnsim"
    rates --set "network.file=$tmp/mcp-1m-seed1.lnsim"
  } > "$out/ant-mcp-1m.md"
fi
echo "ant table regenerated in $out"
