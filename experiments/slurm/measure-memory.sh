#!/usr/bin/env bash
# Memory per scheme for sizing cluster tasks (README, On a cluster): one `lnsim run` per scheme on the same network,
# each with a GC log; prints the live heap (the most the heap held after a collection), the peak RSS and the wall time.
# Usage: experiments/slurm/measure-memory.sh [CHANNELS (default 1000000)] [PAYMENTS (default 200)] [WORK_DIR]
# Takes about 2 min at 1M channels on an idle 2-core machine (the network is generated once, a few seconds).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
channels="${1:-1000000}"
payments="${2:-200}"
work="${3:-$(mktemp -d)}"
mkdir -p "$work"
command -v /usr/bin/time >/dev/null || { echo "measure-memory: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
"$root/lnsim" --version >/dev/null  # builds the jar when needed
jar="$root/experiments/target/lnsim.jar"
net="$work/mcp-$channels.lnsim"
[ -f "$net" ] || java -Xmx8g -jar "$jar" generate --channels "$channels" --seed 1 --quiet --out "$net"
printf '| scheme | live heap | peak RSS | wall |\n|---|---:|---:|---:|\n'
for s in "source" "oracle" "ant" "ant.selective" "source|cl" "source|cl|amp" "source|lnd-halving"; do
  IFS='|' read -r name split kind <<< "$s"
  tag="$(echo "$s" | tr '|' '-')"
  cat > "$work/$tag.yaml" <<YAML
seed: 1
network: {file: $net}
balances: {split: uniform}
workload: {payments: $payments, rate_per_s: 20, amount: {distribution: fixed, sat: 10000}}
protocols: [{name: $name${split:+, split: $split}${kind:+, payment_kind: $kind}}]
YAML
  start=$(date +%s)
  /usr/bin/time -v java -Xmx12g "-Xlog:gc:file=$work/gc-$tag.log" -jar "$jar" run "$work/$tag.yaml" \
      --out "$work/out-$tag" --force --threads 1 >/dev/null 2>"$work/time-$tag.txt"
  wall=$(( $(date +%s) - start ))
  live=$(grep -oE '[0-9]+M->[0-9]+M' "$work/gc-$tag.log" | awk -F'->' '{a=$2; gsub("M","",a); a+=0; if (a>m) m=a} END {print m+0}')
  rss=$(awk '/Maximum resident/ {print int($NF/1024)}' "$work/time-$tag.txt")
  printf '| %s | %s MiB | %s MiB | %s s |\n' "$(echo "$s" | tr '|' '+')" "$live" "$rss" "$wall"
done
