#!/usr/bin/env bash
# Rebuilds results/tables/generated-vs-real.md (issue 22 item 2): the same workload (500 payments of 10k sat,
# protocol source, seed 1) on a real snapshot and on five networks generated at its size from its own fit, with the
# fitted topology (the default) and MCP's (--topology mcp, the default before), both with per-node policies.
# GVR_SEEDS and GVR_TOPOLOGIES override the seeds and topologies (for quick checks; the table uses the defaults).
# A second, larger workload (GVR_LARGE payments, default 5,000; 0 skips it) runs on the snapshot and the fitted
# networks only, so that fee p99 rests on ~50 payments instead of ~5 (the 500-payment rows stay as issue 22 defines
# the goal).
#
#   experiments/scripts/generated-vs-real.sh [WORK_DIR]     (from the repository root; ~15 min on 2 cores)
#
# Writes the table to stdout; keeps fits, networks and runs in WORK_DIR (default: a temporary folder, removed).
# A benchmark, not part of 'mvn verify'. The recipe machinery (lnsim reproduce) runs one experiment per table part and
# cannot pool 33 runs into one table with intervals, hence a script.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
lnsim="$root/lnsim"
work="${1:-}"
if [ -z "$work" ]; then
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work"
SNAPSHOTS=(
  "2019-05-14:data/snapshots/clightning-listchannels-2019-05-14.json.gz"
  "2021-04-16:data/snapshots/clightning-listchannels-2021-04-16.json.gz"
  "2026-02-03:data/snapshots/cln-gossmap-2026-02-03"
)
SEEDS="${GVR_SEEDS:-1 2 3 4 5}"
# topologies compared, both with the per-node policy draw: 'fitted' (the default since issue 22's topology fit)
# and 'mcp' (every degree from the law under MCP's cap, the default before it)
TOPOLOGIES="${GVR_TOPOLOGIES:-fitted mcp}"
LARGE="${GVR_LARGE:-5000}"

# run NETWORK OUT [PAYMENTS]: the workload on one network (500 payments unless given)
run() {
  cat > "$2.yaml" <<EOF
seed: 1
network:
  file: $1
workload:
  payments: ${3:-500}
  amount:
    distribution: fixed
    sat: 10000
protocols:
  - name: source
EOF
  nice -n 15 "$lnsim" run "$2.yaml" --quiet --force --out "$2" >/dev/null 2>&1
}

# row LABEL SEED OUT [REAL_HOPS REAL_P50 REAL_P99]: one table row from a run's summary.csv and payments.csv.
# Intervals (95%): hops mean ± 1.96·s/√n; fee quantiles by the binomial order-statistic interval, nearest ranks
# n·p ± 1.96·√(n·p·(1−p)) of the delivered payments' fee ppm.
row() {
  awk -F, -v label="$1" -v seed="$2" -v rh="${4:-}" -v r50="${5:-}" -v r99="${6:-}" '
    FNR == 1 { for (i = 1; i <= NF; i++) col[FILENAME, $i] = i; next }
    FILENAME ~ /summary.csv$/ { succ = $col[FILENAME, "success_rate"]; p50 = $col[FILENAME, "fee_ppm_p50"];
                                p99 = $col[FILENAME, "fee_ppm_p99"]; hm = $col[FILENAME, "hops_mean"]; next }
    $col[FILENAME, "is_success"] == 1 { h = $col[FILENAME, "hops"]; n++; s += h; ss += h * h;
                                        fee[n] = $col[FILENAME, "fee_msat"] * 1e6 / $col[FILENAME, "amount"] }
    function q(p, z,   k) { k = int(n * p + z * sqrt(n * p * (1 - p)) + 0.5); if (k < 1) k = 1; if (k > n) k = n;
                            return fee[k] }
    function rel(x, r) { return r == 0 ? 0 : (x - r) / r }
    function sort(   i, j, t) { for (i = 2; i <= n; i++) { t = fee[i]; for (j = i - 1; j >= 1 && fee[j] > t; j--)
                                  fee[j + 1] = fee[j]; fee[j + 1] = t } }
    END {
      sort(); sd = sqrt((ss - s * s / n) / (n - 1)); hw = 1.96 * sd / sqrt(n);
      goal = "";
      if (rh != "") {
        ok = (hm - rh <= 0.3 && rh - hm <= 0.3) ? "yes" : sprintf("no (%+.2f)", hm - rh);
        ok50 = (rel(p50, r50) <= 0.2 && rel(p50, r50) >= -0.2) ? "yes" : sprintf("no (%+.0f%%)", 100 * rel(p50, r50));
        ok99 = (rel(p99, r99) <= 0.2 && rel(p99, r99) >= -0.2) ? "yes" : sprintf("no (%+.0f%%)", 100 * rel(p99, r99));
        goal = " | " ok " | " ok50 " | " ok99
      } else {
        goal = " | | | "
      }
      printf "| %s | %s | %d | %.3f | %.3f [%.3f, %.3f] | %s [%.1f, %.1f] | %s [%.1f, %.1f]%s |\n", label, seed, n,
             succ, hm, hm - hw, hm + hw, p50, q(0.5, -1.96), q(0.5, 1.96), p99, q(0.99, -1.96), q(0.99, 1.96), goal
    }' "$3/summary.csv" "$3/payments.csv"
}

field() { # field OUT COLUMN: one column of a run's summary.csv
  awk -F, -v c="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) k = i; next } { print $k; exit }' "$1/summary.csv"
}

cd "$root"
echo "# Generated networks beside the snapshots they were fitted from"
echo
echo "Rebuilt by \`experiments/scripts/generated-vs-real.sh\` (issue 22 item 2). Workload: 500 payments of 10,000 sat"
echo "(fixed), uniform endpoints, 5 per second, protocol \`source\` (c-lightning's router and pay loop), seed 1, on the"
echo "snapshot and on networks made by \`lnsim fit SNAPSHOT\` then \`lnsim generate --channels C --fit FIT --seed S"
echo "--topology T\` (C = the snapshot's channels; per-node policies, MLE degrees, MCP's cap of 10,000 channels per"
echo "node): \`fitted\` is the default since issue 22's topology fit (the snapshot's top 1% of degrees pinned, the rest"
echo "drawn below them; hub i takes the snapshot's hub i's outward home, \`top_rank_homes\`; other nodes draw their home"
echo "within their degree class; deviating policies placed by peer: sibling channels between nodes of one home take"
echo "that home's sibling deviations, other directions their home's, towards a hub per (home, hub's home) pair,"
echo "\`siblings.other_by_home\` and \`other_to_top_by_pair\`), \`mcp\` every degree from the law under the cap with"
echo "the pooled policy draw (\`--topology mcp\`, the default before; its rows are the \`node\` rows of an earlier"
echo "table). D = the snapshot's largest degree."
echo "n = delivered payments, the sample of the three figures. Intervals: 95%, hops mean ± 1.96 s/√n; fee quantiles"
echo "by the binomial order-statistic interval on the delivered payments' fee ppm. Goal (issue 22): every generated"
echo "seed within ±0.3 hops of the snapshot's mean route length and within ±20% of its fee p50 and p99."
for entry in "${SNAPSHOTS[@]}"; do
  name="${entry%%:*}"
  snap="${entry#*:}"
  w="$work/$name"
  mkdir -p "$w"
  "$lnsim" fit "$snap" --out "$w/fit.json" >/dev/null 2>&1
  channels="$(awk -F: '/"channels"/ { gsub(/[ ,]/, "", $2); print $2; exit }' "$w/fit.json")"
  maxdeg="$(awk -F: '/"max_degree"/ { gsub(/[ ,]/, "", $2); print $2; exit }' "$w/fit.json")"
  run "$root/$snap" "$w/real"
  rh="$(field "$w/real" hops_mean)"
  r50="$(field "$w/real" fee_ppm_p50)"
  r99="$(field "$w/real" fee_ppm_p99)"
  echo
  echo "## $name ($snap: $channels channels, D = $maxdeg)"
  echo
  echo "| network | seed | n | success | hops mean [95%] | fee p50 ppm [95%] | fee p99 ppm [95%] | hops ±0.3 | p50 ±20% | p99 ±20% |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  row "snapshot" "-" "$w/real"
  for mode in $TOPOLOGIES; do
    for s in $SEEDS; do
      "$lnsim" generate --channels "$channels" --fit "$w/fit.json" --seed "$s" --topology "$mode" --quiet \
        --out "$w/$mode-$s.lnsim" 2>/dev/null
      run "$w/$mode-$s.lnsim" "$w/$mode-$s"
      row "generated, $mode" "$s" "$w/$mode-$s" "$rh" "$r50" "$r99"
    done
  done
  if [ "$LARGE" -gt 0 ]; then
    run "$root/$snap" "$w/real-large" "$LARGE"
    lh="$(field "$w/real-large" hops_mean)"
    l50="$(field "$w/real-large" fee_ppm_p50)"
    l99="$(field "$w/real-large" fee_ppm_p99)"
    echo
    echo "The same with $LARGE payments (fitted networks only; fee p99 on ~1% of the delivered payments):"
    echo
    echo "| network | seed | n | success | hops mean [95%] | fee p50 ppm [95%] | fee p99 ppm [95%] | hops ±0.3 | p50 ±20% | p99 ±20% |"
    echo "|---|---|---|---|---|---|---|---|---|---|"
    row "snapshot" "-" "$w/real-large"
    for s in $SEEDS; do
      if [ ! -f "$w/fitted-$s.lnsim" ]; then
        "$lnsim" generate --channels "$channels" --fit "$w/fit.json" --seed "$s" --topology fitted --quiet \
          --out "$w/fitted-$s.lnsim" 2>/dev/null
      fi
      run "$w/fitted-$s.lnsim" "$w/fitted-$s-large" "$LARGE"
      row "generated, fitted" "$s" "$w/fitted-$s-large" "$lh" "$l50" "$l99"
    done
  fi
done
echo
echo "## Reading"
echo
echo "Seeds within the goal (hops, fee p50, fee p99), fitted against mcp: 2019-05-14 5, 2, 4 against 4, 4, 1;"
echo "2021-04-16 5, 0, 5 against 1, 0, 3; 2026-02-03 5, 5, 2 against 0, 0, 3. Before the policy fit of this table"
echo "(hub homes drawn from the hubs' table, other homes and deviations pooled) the fitted rows met 3, 3, 2; 5, 0, 3"
echo "and 5, 4, 1. Route length is decided by the topology first: under MCP's cap the likelihood degree law (exponent"
echo "1.97 for 2021, 1.99 for 2026) draws hubs with a channel to 30-100% of the nodes and routes up to 1.5 hops short;"
echo "the snapshot's top 1% of degrees pinned fix that. Fees and the rest of the route length are decided by which"
echo "policies sit where routes pass, measured on the delivered payments' forwarding hops (the fee a hop charges on"
echo "10,000 sat, by the forwarding node's degree, home or deviation, and peer):"
echo "- 2021's fee median was 37-58% low; on seeds 1 and 2, 53-55% of the forwarding hops charged 11-200 msat (the"
echo "  snapshot's: 21%), most of them (1 msat, 1 ppm, CLTV 18): one operator's policy on the channels among its own 25 nodes. 2 of"
echo "  the 89 hubs have it as their most common policy; hub homes drawn from the hubs' table gave it to seed 1's"
echo "  largest hub (1,440 channels), and 45% of all forwarding hops charged it (the snapshot: under 2%). Deviations drawn"
echo "  from one pooled table put it on any node's channels. Now hub i takes hub i's outward home (most common policy"
echo "  towards non-hubs), other nodes draw their home within their degree class (pooled, 21% of the generated 20-99"
echo "  channel nodes charged at most 10 msat; the snapshot's: 4%), and deviations are drawn per home, towards hubs per"
echo "  (home, hub's home) pair: the operator's home (1, 75, 144) carries (1, 1, 18) on all 169 of its directions to"
echo "  hubs of its other two homes and on none of its 151 to hubs of home (1000, 1, 40). On seeds 1 and 2, forwarding"
echo "  hops at 11-200 msat are now 27-29% and at 201-1,100 msat (about one default fee) 32-35% (the snapshot's: 46%;"
echo "  before 13-18%); fee medians 105-125"
echo "  ppm, 22-35% low (before 68-102 ppm). Still missed, not explained: the generated hub core is sparse (4% of the"
echo "  hubs' channel ends go to hubs, the snapshot's 26%: 0.8K against 5.7K directions), and hops at 0-10 msat are"
echo "  28-29% against 25%."
echo "- 2019's routes were 0.34 and 0.60 hops too long on seeds 1 and 5 with 54-72% of forwarding hops at CLTV <= 14"
echo "  (the snapshot's: 32%). With the same three changes every seed is within 0.3 hops (3.33-3.62 against 3.50) and"
echo "  37-49% of forwarding hops are at CLTV <= 14. The excess sits in one operator's mesh, (base 0, 1 ppm, CLTV 4)"
echo "  among nodes of home (0, 250 ppm, CLTV 30): on seeds 1 and 2, 12% of forwarding hops at the hubs' sibling"
echo "  channels (the snapshot's: 7%) and 14-18% at non-hub nodes with >= 100 channels (6%), which draw that home from"
echo "  their class. On seeds 2 and 3 that policy carries 266-336 of ~1,200 forwarding hops (the snapshot's: 126) and"
echo "  routes leave the mesh at 250 ppm (188-212 hops against 117), which lifts the fee median by 20-71% on seeds 2, 3"
echo "  and 5 (150, 212, 149 ppm against 124)."
echo "- Fee p99 is the 5th most expensive of ~450-500 delivered payments: its 95% interval spans 452-1002 ppm on the"
echo "  2019 snapshot (-55%, +0%), 1701-2917 on 2021 (-11%, +52%) and 1599-4016 on 2026 (-30%, +77%), wider than the"
echo "  +-20% goal; generated seeds swing as much (2019 seed 2: 354 [353, 2185]). 2026's generated p99 (2711-4000)"
echo "  lies inside the snapshot's interval on every seed though 3 of 5 miss the +-20%. Not chased: a larger workload,"
echo "  not a change of the generator, would narrow it."
