#!/usr/bin/env bash
# Ant routing results tables, from the repository root: bash results/tables/ant.sh [snapshot|mcp1m] (default both).
# Called by regenerate.sh; a pure function of the code, the shared snapshot and the seeds, so a rerun leaves
# `git diff` empty. Needs ../shared beside the repository; about a minute for the snapshot, 15 for the 1M network.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export LNSIM_JAVA_OPTS="${LNSIM_JAVA_OPTS:--Xmx8g}"
out=results/tables
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
parts="${*:-snapshot mcp1m}"

# summary.csv columns by name, node_state_summary.csv's state_bytes and seeds_received percentiles; the busiest
# node's seed messages per second at a network payment rate λ = its seeds received per payment × λ.
table() {
  local dir="$1" payments="$2"
  awk -F, -v payments="$payments" '
    FNR == 1 { file++ }
    file == 1 && FNR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    file == 1 { row[++n] = $0; next }
    file == 2 && $2 == "state_bytes" { p50[$1] = $4; p99[$1] = $6; max[$1] = $7 }
    file == 2 && $2 == "seeds_received" { busiest[$1] = $7 }
    END {
      print "| protocol | success | fee ppm p50 | discovery ms p50 | discovery ms p99 | messages / payment | bytes / payment | state p50 B | state p99 B | state max B | busiest node seeds / payment | seeds/s at 1 pay/s | at 10 | at 100 |"
      print "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
      for (k = 1; k <= n; k++) {
        split(row[k], f, ",")
        p = f[col["protocol"]]
        b = (p in busiest) ? busiest[p] / payments : 0
        printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", p, f[col["success_rate"]],
          f[col["fee_ppm_p50"]], f[col["discovery_ms_p50"]], f[col["discovery_ms_p99"]],
          f[col["messages_per_payment"]], f[col["bytes_per_payment"]], p50[p], p99[p], max[p],
          (p in busiest) ? sprintf("%.1f", b) : "", (p in busiest) ? sprintf("%.0f", b) : "",
          (p in busiest) ? sprintf("%.0f", 10 * b) : "", (p in busiest) ? sprintf("%.0f", 100 * b) : ""
      }
    }' "$dir/summary.csv" "$dir/node_state_summary.csv"
}

explain() {
  echo "500 payments per amount at 5 payments/s between nodes with a usable channel each way, uniform balances, seed 1."
  echo "ant floods both seeds; ant.selective-kK forwards each seed to the K best peers by completed payments. Columns:"
  echo "discovery = simulated time from the payment's start to the chosen match at the payer (all payments); messages"
  echo "and bytes per payment include set-up (source: each node's full gossip sync, spread over the payments); state"
  echo "= routing state per node with channels (source: the whole gossip; ant: peak mempool bytes and, selective, its"
  echo "history); the busiest node's seed messages per second at a network-wide payment rate = its seeds received per"
  echo "payment in this run × the rate (flooding cost is linear in the rate; mempools, which are not, are in state)."
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
  } > "$out/ant-mcp-1m.md"
fi
echo "ant table regenerated in $out"
