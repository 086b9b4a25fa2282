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

# summary.csv columns by name, node_state_summary.csv's state_bytes and seeds_received percentiles, node_state.csv
# for which node is the busiest (first in node order on ties); the busiest node's seed messages per second at a
# network payment rate λ = its seeds received per payment × λ, so it passes 1,000 (10,000) seeds/s from
# λ = 1,000 (10,000) / its seeds per payment.
table() {
  local dir="$1" payments="$2"
  awk -F, -v payments="$payments" '
    FNR == 1 { file++ }
    file == 1 && FNR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    file == 1 { row[++n] = $0; next }
    file == 2 && $2 == "state_bytes" { p50[$1] = $4; p99[$1] = $6; max[$1] = $7 }
    file == 2 && $2 == "seeds_received" { busiest[$1] = $7; seedsP50[$1] = $4; seedsP99[$1] = $6 }
    file == 3 && FNR == 1 { for (i = 1; i <= NF; i++) ncol[$i] = i; next }
    file == 3 && ("seeds_received" in ncol) && $ncol["seeds_received"] != "" {
      q = $1; r = $ncol["seeds_received"] + 0
      if (!(q in top) || r > top[q]) { top[q] = r; hub[q] = $2 }
    }
    file == 4 && FNR > 1 { id[$1] = substr($2, 1, 16); alias = $5; gsub(/["|]/, "", alias); al[$1] = alias; deg[$1] = $3 }
    function name(v) { return v " (" id[v] "…" (al[v] != "" ? ", " al[v] : "") ", " deg[v] " channels)" }
    END {
      print "| protocol | success | fee ppm p50 | discovery ms p50 | discovery ms p99 | messages / payment | bytes / payment | state p50 B | state p99 B | state max B | seeds / payment at a node p50 | p99 | busiest node | its seeds / payment | seeds/s at 1 pay/s | at 10 | at 100 | pay/s for 1k seeds/s | for 10k |"
      print "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
      for (k = 1; k <= n; k++) {
        split(row[k], f, ",")
        p = f[col["protocol"]]
        b = (p in busiest) ? busiest[p] / payments : 0
        has = (p in busiest) && b > 0
        printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", p,
          f[col["success_rate"]], f[col["fee_ppm_p50"]], f[col["discovery_ms_p50"]], f[col["discovery_ms_p99"]],
          f[col["messages_per_payment"]], f[col["bytes_per_payment"]], p50[p], p99[p], max[p],
          has ? sprintf("%.2f", seedsP50[p] / payments) : "", has ? sprintf("%.1f", seedsP99[p] / payments) : "",
          has ? name(hub[p]) : "", has ? sprintf("%.1f", b) : "", has ? sprintf("%.0f", b) : "",
          has ? sprintf("%.0f", 10 * b) : "", has ? sprintf("%.0f", 100 * b) : "",
          has ? sprintf("%.2f", 1000 / b) : "", has ? sprintf("%.1f", 10000 / b) : ""
      }
    }' "$dir/summary.csv" "$dir/node_state_summary.csv" "$dir/node_state.csv" "$dir/node_ids.csv"
}

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
    table "$tmp/$name-$a" 500
  done
}

# Per-node mempools and seed load against the network's payment rate (plain ant, 10k sat; extra arguments choose
# the network): peak entries and state over nodes with channels from node_state_summary.csv; the busiest node's
# seeds per second = its seeds received over the run's arrival span (payments / rate).
rates() {
  echo
  echo "## Mempools and seed load against the payment rate (ant, 10000 sat)"
  echo
  echo "Each row: the workload of the tables above (500 payments) drawn at another rate"
  echo "(\`--set 'protocols=[ant]' --set workload.rate_per_s=R\`). Peak mempool entries and state bytes per node with"
  echo "channels (p50 / p99 / max); the busiest node's seeds per second over the payments' arrival span. Mempools grow"
  echo "with the rate (entries live wipe-after = 3 s); the busiest node's seed rate grows linearly with it."
  echo
  echo "| payments/s | success | peak mempool entries p50 | p99 | max | state p50 B | p99 | max | busiest node seeds/s |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  for r in 1 10 100; do
    ./lnsim run experiments/configs/ant-sweep.yaml "$@" --set 'protocols=[ant]' --set workload.amount.sat=10000 \
      --set "workload.rate_per_s=$r" --quiet --threads 2 --out "$tmp/rate-$r" > /dev/null
    awk -F, -v rate="$r" '
      FNR == 1 { file++ }
      file == 1 && FNR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
      file == 1 { split($0, f, ","); success = f[col["success_rate"]]; payments = f[col["payments"]] }
      file == 2 && $2 == "peak_mempool_entries" { e50 = $4; e99 = $6; emax = $7 }
      file == 2 && $2 == "state_bytes" { s50 = $4; s99 = $6; smax = $7 }
      file == 2 && $2 == "seeds_received" { busiest = $7 }
      END {
        printf "| %s | %s | %s | %s | %s | %s | %s | %s | %.0f |\n", rate, success, e50, e99, emax, s50, s99, smax,
          busiest / (payments / rate)
      }' "$tmp/rate-$r/summary.csv" "$tmp/rate-$r/node_state_summary.csv"
  done
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
