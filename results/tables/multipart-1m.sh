#!/usr/bin/env bash
# Multi-part splitting against the max-flow bound on the generated 1M-channel network, one fixed amount per run,
# from the repository root: bash results/tables/multipart-1m.sh (about 20 minutes on a 2-core machine).
# Called by regenerate.sh; a pure function of the code and the seeds, so a rerun leaves `git diff` empty.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export LNSIM_JAVA_OPTS="${LNSIM_JAVA_OPTS:--Xmx8g}"
out=results/tables
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
./lnsim generate --channels 1000000 --seed 1 --quiet --out "$tmp/mcp-1m-seed1.lnsim"
{
  echo "# Multi-part splitting on the generated 1M-channel network, by payment amount"
  echo
  echo "Regenerate: \`bash results/tables/multipart-1m.sh\`, which runs, for each amount A (sat):"
  echo
  echo '```'
  echo "./lnsim generate --channels 1000000 --seed 1 --out mcp-1m-seed1.lnsim"
  echo "./lnsim run experiments/configs/multipart-snapshot.yaml --set network.file=mcp-1m-seed1.lnsim \\"
  echo "    --set workload.payments=100 --set workload.amount.sat=A"
  echo '```'
  echo
  echo "100 payments per amount between nodes with a usable channel each way, uniform initial balances, seed 1 (the"
  echo "snapshot table uses 300; at 1M channels c-lightning's splitter costs minutes of path finding per amount). The"
  echo "'max-flow bound' row is the share of those payments that some flow over the initial balances could deliver."
  for a in 1000 10000 100000 1000000 10000000; do
    ./lnsim run experiments/configs/multipart-snapshot.yaml --set "network.file=$tmp/mcp-1m-seed1.lnsim" \
      --set workload.payments=100 --set "workload.amount.sat=$a" --quiet --threads 2 --out "$tmp/run-mp1m-$a" \
      > /dev/null
    echo
    echo "## $a sat"
    echo
    tail -n +5 "$tmp/run-mp1m-$a/summary.md"
  done
} > "$out/run-multipart-mcp-1m.md"
echo "multipart 1M table regenerated in $out"
