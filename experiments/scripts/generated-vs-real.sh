#!/usr/bin/env bash
# Rebuilds results/tables/generated-vs-real.md (issue 22 item 2): the same workload (500 payments of 10k sat,
# protocol source, seed 1) on a real snapshot and on five networks generated at its size from its own fit, with the
# fitted topology (the default) and MCP's (--topology mcp, the default before), both with per-node policies.
# GVR_SEEDS and GVR_TOPOLOGIES override the seeds and topologies (for quick checks; the table uses the defaults).
# A second, larger workload (GVR_LARGE payments, default 5,000; 0 skips it) runs on the snapshot and the fitted
# networks only, so that fee p99 rests on ~50 payments instead of ~5 (the 500-payment rows stay as issue 22 defines
# the goal).
#
#   experiments/scripts/generated-vs-real.sh [WORK_DIR]     (from the repository root; ~8 min on 2 cores, ~3 of
#   them the 5,000-payment runs)
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
echo "drawn below them; the hubs wired among themselves first, hub i to as many hubs as the snapshot's hub i,"
echo "\`top_peers\`, then to the nodes whose degree class asks for hub peers, \`top_share_by_class\`; hub i takes the"
echo "snapshot's hub i's outward home, \`top_rank_homes\`; other nodes draw their home from the snapshot's non-hub nodes"
echo "of their degree class, \`class_homes_below_top\`; deviating policies placed by peer: sibling channels between nodes"
echo "of one home take that home's sibling deviations, towards a hub per (home, hub's home) pair, other directions"
echo "their home's with its own share, \`siblings.other_by_home\` and \`other_to_top_by_pair\`), \`mcp\` every degree from"
echo "the law under the cap with the pooled policy draw (\`--topology mcp\`, the default before; its rows are the \`node\`"
echo "rows of an earlier table). D = the snapshot's largest degree. A second workload of 5,000 payments (otherwise the"
echo "same) runs on the snapshot and the fitted networks, so that fee p99 rests on ~45 payments instead of ~5."
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
echo "Seeds within the goal (hops, fee p50, fee p99) with 500 payments, fitted against mcp: 2019-05-14 5, 5, 1 against"
echo "4, 4, 1; 2021-04-16 5, 4, 5 against 1, 0, 3; 2026-02-03 5, 5, 1 against 0, 0, 3. The previous table's fitted rows"
echo "met 5, 2, 4; 5, 0, 5 and 5, 5, 2. With 5,000 payments (fitted only): 5, 2, 3; 5, 5, 5; 5, 5, 2. The \`mcp\` and"
echo "500-payment snapshot rows are byte for byte the previous table's. What was measured and changed, each a statistic"
echo "of the snapshot stored in the fit (seed 1 figures unless said):"
echo "- The rich club (\`top_peers\`). The snapshots' top-1% nodes (43, 89, 174) count 1,494, 3,658 and 8,532 other hubs"
echo "  among their distinct peers (2019, 2021, 2026: 7%, 14%, 25% of their peers; 12%, 20%, 28% of their channel ends"
echo "  with parallel channels). MCP's uniform peer choice gave 586, 958 and 1,012; the core now gives 1,480, 3,556 and"
echo "  8,446."
echo "- Who hangs on the hubs (\`top_share_by_class\`). Of the snapshot's one-channel nodes, 54%, 72% and 54% have it to a"
echo "  hub, and 47%, 45%, 40% of the 20-49-channel nodes' channels go to hubs. MCP's order (largest first, peers uniform"
echo "  among nodes with room) let the hubs fill every small node: 100%, 100%, 99% and 48%, 38%, 18%. With each non-hub"
echo "  node's class share as a quota of hub peers: 85%, 81%, 58% and 50%, 47%, 43%. The small classes stay high because"
echo "  the hubs' ends left beyond the quotas go to nodes drawn uniformly (a node with 100 or more channels cannot have"
echo "  more hub peers than there are hubs, no parallel channels being made). These two statistics alone (with the"
echo "  previous policy placement) kept every route length within 0.3 hops on 14 of 15 seeds and the forwarding hops'"
echo "  mix by kind close to the snapshot's (2021: hub to hub 16-17% against 14%, hub to non-hub 48% against 47%, non-hub"
echo "  to hub 21% against 22%; the senders' first hop to a hub 71-75% against 71%), but not the fees: 2021's median"
echo "  103-121 ppm (2019 and 2026 met it on 2 seeds each)."
echo "- The homes of the non-hub nodes (\`class_homes_below_top\`, item 2 of the task). A class's homes counted the hubs,"
echo "  whose homes are placed by rank: in 2019, 25 of the 94 live nodes with 100 or more channels hold the operator's"
echo "  home (0, 250 ppm, CLTV 30), all 25 of them hubs, so a generated non-hub node with 100 or more channels drew it with"
echo "  probability 27% (the snapshot's non-hub nodes: none) and joined its mesh (base 0, 1 ppm, CLTV 4), whose routes leave it at 250 ppm; in"
echo "  2021, 22 of 97, all hubs, hold (1, 75 ppm, CLTV 144). Drawn from the non-hub nodes' homes: 2019's median"
echo "  102-113 ppm on every seed (the previous table: 105-212), 2021's 123-134 (2 seeds within)."
echo "- Deviations by home. A direction to a non-hub peer left its home with its degree class's share, which counts"
echo "  sibling deviations (the class of 100 or more channels: 24% in 2019), so hubs' directions drifted off their homes;"
echo "  now with its home's share of deviating other directions (already in the fit, \`siblings.other_by_home\`; the three"
echo "  largest homes of 2019 deviate on 19.5%, 9.0%, 35.7% of those directions, generated 20.1%, 9.8%, 34.7%). 2021's"
echo "  median 122-153 ppm (4 seeds within)."
echo "- What the rich club does to fees: generated with the non-hub homes but without \`top_peers\` and"
echo "  \`top_share_by_class\` (deviations still with the class share), the medians were 104-122, 113-138 and 202-211 ppm"
echo "  and routes 3.52-3.76, 3.71-3.88 and 4.24-4.35 hops; with them, at that step, 102-113, 123-134 and 156-202 ppm and"
echo "  3.39-3.79, 3.62-3.70 and 4.22-4.38 hops. So the rich club did not move 2021's median; it lowered 2026's on three"
echo "  seeds, which the per-home deviation share then recovered (201-203 ppm on four seeds). It is kept because it is"
echo "  the snapshots' structure (the forwarding hops' mix by kind above), not for a figure of this table."
echo "Still missed, and why:"
echo "- 2021 seed 5's median at 500 payments (122 ppm, -24%); at 5,000 payments every seed is within (134-158 against 162)."
echo "- 2019 at 5,000 payments: the snapshot's median is 138 ppm [123, 149] (124 at 500) and three seeds give 103-105"
echo "  (-24% to -25%). On seed 2, 25% of the forwarding hops go from a non-hub node to another at no more than 10 msat"
echo "  (the snapshot's: 10%), mostly (0, 1 ppm, CLTV 10) and (0, 1, 4) at non-hub nodes with 100 or more channels, of"
echo "  which the generated networks have 86 (seed 1) against the snapshot's 52: the degree law's body above 100"
echo "  channels is heavier than the snapshot's, and those nodes' cheap homes (in the snapshot's table of that class)"
echo "  carry more routes. Not fitted: the degrees below the hubs still come from the law."
echo "- Fee p99 at 500 payments is the 5th most expensive payment: its 95% interval on the snapshots spans 452-1002 ppm"
echo "  (2019), 1701-2917 (2021) and 1599-4016 (2026), wider than ±20%. At 5,000 payments it narrows to 1001-1023,"
echo "  1743-1902 and 2601-3102: 2021's generated p99s are within 2% of the snapshot's on every seed; 2019's are 353-1000"
echo "  (seeds 2 and 3 at -65% and -40%: the snapshot's p99 sits on its 1,000-ppm policies); 2026's 2814-3526 (+4% to"
echo "  +30%)."
echo "- 2026's generated networks deliver 0.90-0.93 of the payments against the snapshot's 0.76, and their p99 is high."
echo "  One measured difference not fitted: what hubs charge towards one-channel peers (the forced last hop into such a"
echo "  receiver). In 2026, 71% of the hubs' usable directions to one-channel peers charge over 5,000 msat on 10,000 sat"
echo "  (to other peers: 35-42%), and most such directions are not usable at all (2,106 usable of ~5,000); in 2021 52%"
echo "  charge at most 10 msat (others: 2-9%). Tried and dropped: each hub's most common policy towards one-channel peers,"
echo "  with its share, per rank; 2021's medians fell to 113-120 ppm (none within) and 2026's to 140-202 (2 within)."
