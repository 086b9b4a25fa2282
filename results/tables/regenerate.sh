#!/usr/bin/env bash
# Regenerates every committed results table from the repository root: bash results/tables/regenerate.sh
# Each table is a pure function of lnsim's code, the shipped snapshots (data/snapshots) and the seeds below, so a rerun must leave
# `git diff` empty. Timings are left out of the tables (they go to the README and the issue notes).
# About 25 minutes on a 2-core machine (17 of them the multi-part sweep on
# the snapshot), plus about 20 for the 1M-channel multi-part table (multipart-1m.sh), 30 for the beacon tables
# (beacon.sh, most of it the 1M-channel network) and 10 for the ant tables (ant.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export LNSIM_JAVA_OPTS="${LNSIM_JAVA_OPTS:--Xmx8g}"
out=results/tables
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
snap=data/snapshots

# 1. The generated 1M-channel network beside the snapshot it was fitted to (issue: network layer).
./lnsim generate --channels 1000000 --seed 1 --quiet --out "$tmp/mcp-1m-seed1.lnsim"
{
  echo "# Million Channels network (1M channels, seed 1) beside the 2019-05-14 snapshot"
  echo
  echo "Regenerate: \`bash results/tables/regenerate.sh\`, which runs:"
  echo
  echo '```'
  echo "./lnsim generate --channels 1000000 --seed 1 --out mcp-1m-seed1.lnsim"
  echo "./lnsim stats mcp-1m-seed1.lnsim $snap/clightning-listchannels-2019-05-14.json.gz"
  echo '```'
  echo
  echo "Definitions: anchor-stats.json of the shipped snapshots (data/snapshots); gossip sizes from the BOLT 7 layouts (raw wire messages;"
  echo "Core Lightning gossip_store v7; MCP's 1M.gossip framing with a 2-byte length per message)."
  echo
  echo '```'
  ./lnsim stats "$tmp/mcp-1m-seed1.lnsim" "$snap/clightning-listchannels-2019-05-14.json.gz"
  echo '```'
} > "$out/network-mcp-1m-vs-2019-05-14.md"

# 2. Route lengths on the 1M-channel network for 10k-sat and 1M-sat payments (issue: hybrid router).
{
  echo "# Route hop counts on the 1M-channel network (1,000 random pairs each)"
  echo
  echo "Regenerate: \`bash results/tables/regenerate.sh\`. The hybrid router with c-lightning's defaults (riskfactor 10,"
  echo "fuzz 5%, hop limit 20, BFG fallback); pairs drawn with seed 1 among nodes with channels. Query times are"
  echo "left out here (they depend on the machine); see the README."
  for amount in 10000000 1000000000; do
    echo
    echo "## $((amount / 1000)) sat"
    echo
    echo '```'
    echo "./lnsim bench route mcp-1m-seed1.lnsim --queries 1000 --seed 1 --amount-msat $amount"
    ./lnsim bench route "$tmp/mcp-1m-seed1.lnsim" --queries 1000 --seed 1 --amount-msat "$amount" --quiet \
      | grep -v -E '^(query ms|throughput|network) ' | sed "s|$tmp/||"
    echo '```'
  done
} > "$out/router-hops-mcp-1m.md"

# 3. Experiment summaries: quickstart, CLoTH's own setting, multi-part splitting with the max-flow bound, and the
#    1M-channel network.
for cfg in quickstart experiments/configs/cloth-2020.yaml experiments/configs/multipart.yaml mcp; do
  name="$(basename "$cfg" .yaml)"
  ./lnsim run "$cfg" --quiet --threads 2 --out "$tmp/run-$name" > /dev/null
  {
    echo "<!-- Regenerate: bash results/tables/regenerate.sh (runs: ./lnsim run $cfg) -->"
    cat "$tmp/run-$name/summary.md"
  } > "$out/run-$name.md"
done
# 4. Multi-part splitting against the max-flow bound on the real 2019-05-14 snapshot, one fixed amount per run.
{
  echo "# Multi-part splitting on the 2019-05-14 snapshot, by payment amount"
  echo
  echo "Regenerate: \`bash results/tables/regenerate.sh\`, which runs, for each amount A (sat):"
  echo
  echo '```'
  echo "./lnsim run experiments/configs/multipart-snapshot.yaml --set workload.amount.sat=A"
  echo '```'
  echo
  echo "300 payments per amount between nodes with a usable channel each way, uniform initial balances, seed 1. The"
  echo "'max-flow bound' row is the share of those payments that some flow over the initial balances could deliver."
  echo "Pickhardt's reference for the bound's shape (2022 graph, uniform balances): about 97 / 85 / 34 / 12% at"
  echo "1k / 10k / 100k / 1M sat."
  for a in 1000 10000 100000 1000000 10000000; do
    ./lnsim run experiments/configs/multipart-snapshot.yaml --set "workload.amount.sat=$a" --quiet --threads 2 \
      --out "$tmp/run-mps-$a" > /dev/null
    echo
    echo "## $a sat"
    echo
    tail -n +5 "$tmp/run-mps-$a/summary.md"
  done
} > "$out/run-multipart-2019-05-14.md"
# 4b. The same on the generated 1M-channel network (100 payments per amount: splitting at 1M channels costs
#     minutes per amount), with its own script so it can be rerun alone.
bash results/tables/multipart-1m.sh
# 5. Beacon routing (Flare) against full gossip: the 2019-05-14 snapshot, the 1M-channel network, ACINQ's 2016 test.
bash results/tables/beacon.sh
# 6. Ant routing against full gossip on the 2019-05-14 snapshot and the 1M-channel network (about 10 minutes).
bash results/tables/ant.sh
echo "results tables regenerated in $out"
