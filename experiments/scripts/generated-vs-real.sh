#!/usr/bin/env bash
# Rebuilds results/tables/generated-vs-real.md (issue 22 item 2): the same workload (500 payments of 10k sat,
# protocol source, seed 1) on a real snapshot and on five networks generated at its size from its own fit, with the
# fitted topology (the default) and MCP's (--topology mcp, the default before), both with per-node policies.
# GVR_SEEDS and GVR_TOPOLOGIES override the seeds and topologies (for quick checks; the table uses the defaults).
# A second, larger workload (GVR_LARGE payments, default 5,000; 0 skips it) runs on the snapshot and the fitted
# networks only, so that fee p99 rests on ~50 payments instead of ~5 (the 500-payment rows stay as issue 22 defines
# the goal).
#
#   experiments/scripts/generated-vs-real.sh [WORK_DIR]     (from the repository root; ~5 min on an idle 2-core
#   machine, ~8 under load; about half of it the 5,000-payment runs)
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
# experiment seeds of the control rows: the snapshot itself under other draws of the workload and balances, checked
# against seed 1's row as the generated networks are (how often sampling alone misses the goal)
CONTROL_SEEDS="${GVR_CONTROL_SEEDS:-2 3 4 5}"
# topologies compared, both with the per-node policy draw: 'fitted' (the default since issue 22's topology fit)
# and 'mcp' (every degree from the law under MCP's cap, the default before it)
TOPOLOGIES="${GVR_TOPOLOGIES:-fitted mcp}"
LARGE="${GVR_LARGE:-5000}"

# run NETWORK OUT [PAYMENTS [SEED]]: the workload on one network (500 payments and experiment seed 1 unless given)
run() {
  cat > "$2.yaml" <<EOF
seed: ${4:-1}
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
"$lnsim" --version >/dev/null  # builds the jar when stale; from here on that jar runs, whatever is edited meanwhile
export LNSIM_REBUILD=0
echo "# Generated networks beside the snapshots they were fitted from"
echo
echo "Rebuilt by \`experiments/scripts/generated-vs-real.sh\` (issue 22 item 2). Workload: 500 payments of 10,000 sat"
echo "(fixed), uniform endpoints, 5 per second, protocol \`source\` (c-lightning's router and pay loop), seed 1, on the"
echo "snapshot and on networks made by \`lnsim fit SNAPSHOT\` then \`lnsim generate --channels C --fit FIT --seed S"
echo "--topology T\` (C = the snapshot's channels; per-node policies, MLE degrees, MCP's cap of 10,000 channels per"
echo "node): \`fitted\` is the default since issue 22's topology fit (the snapshot's top 1% of degrees pinned, the rest"
echo "drawn below them from the snapshot's own degrees below its hubs, \`body_degrees\`; the hubs wired among themselves first as the snapshot's hubs of the same ranks are, with their"
echo "policies, \`top_links\`, hub i then to its rank's share of one-channel nodes, \`top_leaf_peers\`, then to the nodes"
echo "whose degree class asks for hub peers, \`top_share_by_class\`; hub i takes the snapshot's hub i's outward home,"
echo "\`top_rank_homes\`, and its policies towards non-hub peers by their degree class, \`top_rank_policies\`; other nodes"
echo "draw their home from the snapshot's non-hub nodes"
echo "of their degree class, \`class_homes_below_top\`; deviating policies placed by peer: sibling channels between nodes"
echo "of one home take that home's sibling deviations, towards a hub per (home, hub's home) pair, other directions of"
echo "non-hub nodes their home's with its own share, \`siblings.other_by_home\` and \`other_to_top_by_pair\`; each channel's capacity"
echo "drawn from the snapshot's capacities of its class, by the degree of its smaller end, \`capacity_by_class\`), \`mcp\` every degree from"
echo "the law under the cap with the pooled policy draw (\`--topology mcp\`, the default before; its rows are the \`node\`"
echo "rows of an earlier table). D = the snapshot's largest degree. A second workload of 5,000 payments (otherwise the"
echo "same) runs on the snapshot and the fitted networks, so that fee p99 rests on ~45 payments instead of ~5."
echo "n = delivered payments, the sample of the three figures. Intervals: 95%, hops mean ± 1.96 s/√n; fee quantiles"
echo "by the binomial order-statistic interval on the delivered payments' fee ppm. Goal (issue 22): every generated"
echo "seed within ±0.3 hops of the snapshot's mean route length and within ±20% of its fee p50 and p99."
echo "Control rows: the snapshot itself under experiment seeds 2-5 (other payments' endpoints and other initial"
echo "balances, the same network), checked against the seed-1 snapshot row as the generated networks are: how often"
echo "the sampling of one workload alone misses the goal."
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
  for s in $CONTROL_SEEDS; do
    run "$root/$snap" "$w/real-seed$s" 500 "$s"
    row "control: snapshot, experiment seed $s" "-" "$w/real-seed$s" "$rh" "$r50" "$r99"
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
    for s in $CONTROL_SEEDS; do
      run "$root/$snap" "$w/real-large-seed$s" "$LARGE" "$s"
      row "control: snapshot, experiment seed $s" "-" "$w/real-large-seed$s" "$lh" "$l50" "$l99"
    done
  fi
done
echo
echo "## Reading"
echo
echo "Seeds within the goal (hops, fee p50, fee p99) with 500 payments, fitted against mcp: 2019-05-14 5, 5, 4 against"
echo "4, 4, 1; 2021-04-16 5, 5, 5 against 1, 0, 3; 2026-02-03 5, 4, 2 against 0, 0, 3 (the previous table's fitted rows:"
echo "4, 5, 5; 5, 4, 5; 5, 5, 3). With 5,000 payments (fitted only): 5, 4, 5; 5, 5, 5; 5, 5, 5 (previous: 5, 2, 5; 5, 5,"
echo "5; 5, 5, 5). 84 of 90 checks met, 83 before; every route length is within. The \`mcp\` and snapshot rows are byte for"
echo "byte the previous table's."
echo
echo "Control (new in this table): the snapshot itself under experiment seeds 2-5, checked against its seed-1 row, meets 70"
echo "of its 72 checks. The two it misses are 2026's fee p99 at 500 payments (seeds 2 and 5: 3,821 and 2,901 ppm against"
echo "2,271, +68% and +28%): seed 1's p99 is the lowest of the five draws (2,271-3,821), so at 500 payments 2026's p99"
echo "check fails on the real network itself for 2 of 4 other draws, as it does on 3 of the 5 generated networks. 2019's"
echo "and 2021's controls meet every check at both sizes; 2019's medians at 5,000 payments are 137-139 ppm under every"
echo "seed, so the generated 2019 seed 2 at 103 is a miss of the network, not of the sample."
echo
echo "This step (issue 22, 2019's fee median): the degrees below the hubs are the snapshot's own (\`body_degrees\`)."
echo "- Why. MCP's degree law c(x+b)^-a has two shape parameters and 2019-05-14's body is not of that shape: fitted to"
echo "  every degree, the law expects 96 of the 4,232 non-hub nodes at 100-350 channels (the snapshot: 52) and 417 at 20-49"
echo "  (512). The generated 2019 networks had 85-97 non-hub nodes of 100 or more channels and 3,632-3,949 nodes in all"
echo "  (4,275); routes crossed those nodes' cheap directions (0.73 forwarding hops per payment at non-hub nodes of 20+"
echo "  channels, 167 msat each, against the snapshot's 0.56 at 339), and 2019's medians were 102-112 ppm at 5,000 payments."
echo "- The fit now keeps the degrees of the nodes outside its top 1% as [degree, nodes] rows, and the generator draws every"
echo "  degree it does not pin from them, below the cap the scaled hubs set. Above the rows' largest degree (a network"
echo "  larger than the snapshot) the law keeps its tail with its own probability, so the 1M-channel network keeps it (582"
echo "  nodes of 345+ channels against 589 before, seed 1), and at 10,000 channels the quantiles stay as before (top 5% at"
echo "  44 channels against 48; the snapshot's 49)."
echo "- Result. Generated 2019: 4,016-4,449 nodes, 44-63 non-hub nodes of 100+ channels; 2021 8,645-8,889 nodes (8,827);"
echo "  2026 16,878-17,322 (17,324). 2019's medians at 5,000 payments: 103-149 ppm (4 seeds within, 2 before; seed 2 at"
echo "  103, -25%); at 500: 103-116 (5 within). Every route length within, 2019 seed 5's at 500 payments too (3.17 hops"
echo "  before). 2021: all 30 checks. 2026 at 500 payments lost a median (seed 3, 160 ppm, -25%) and a p99 (2 within,"
echo "  3 before; at 500 payments the p99 is the 5th dearest payment, see below). Success at 500 payments: 2019"
echo "  0.966-0.980 (snapshot 0.954), 2021 0.876-0.908 (0.854), 2026 0.742-0.838 (0.758)."
echo "Tried and dropped at this step: the snapshot's degrees of its top 5% pinned below the hubs and scaled as the hubs are"
echo "(\`upper_degrees\`, the last step's \"next step\"). At the snapshot's size 82 checks (2019 medians 105-165 ppm), but at"
echo "any other size it breaks the degree law: at 10,000 channels the pinned degrees scaled by 0.27 (92 down to 13) cap the"
echo "law's draws at 13, giving 3,976 nodes instead of 1,593 (top 5% at 11 channels instead of 48) and the quickstart's fee"
echo "median 250 ppm instead of 85. Drawing the body from the snapshot's rows keeps every size's shape."
echo
echo "The previous step (the hubs copied by rank, not drawn), still holding:"
echo "- Who holds the payable one-channel nodes (\`top_leaf_peers\`). In 2026-02-03 the 10 largest hubs hold 1,692 of the"
echo "  2,535, ranks 11-50 140, ranks 51-174 184, other nodes 519; drawn by the class quota, generated 952, 449, 50, 934."
echo "  Ranks 6 and 7 (LSP-like) have 1,068 of 1,088 and 899 of 931 channels to one-channel nodes, 45% and 81% of them"
echo "  live, and charge them 5,001 and 6,000 msat on 10,000 sat. The fit now keeps, per hub rank, its one-channel peers"
echo "  and the live ones; hub i takes that share of its channels first, no more by chance, and each is live with the"
echo "  rank's share. 2019-05-14 at its size, seed 1: the 10 largest hubs 361 (snapshot 361), ranks 11-39 97 (94)."
echo "- The hubs' own policies (\`top_rank_policies\`). A hub's directions to non-hub peers were its home or a deviation drawn"
echo "  from every node of its home, so the middle of the routes came out cheaper than the snapshots' (2021, 5,000"
echo "  payments, seed 1: hops forwarded by rank 11-50 hubs before the last charged 1,577 msat on average in the snapshot,"
echo "  633 generated). The fit now keeps each hub's outward policies by the degree class of the peer, and generated hub i"
echo "  draws each such direction from its rank's table. Kept per peer class: pooled per hub (one-channel peers apart) 2019's"
echo "  medians fell to 103-150 ppm at 500 payments."
echo "- The links among the hubs (\`top_links\`). With the hubs' policies per rank and the other-direction tables by home"
echo "  counting only non-hub nodes (\`siblings.other_by_home\` no longer lends the hubs' dearer deviations to the non-hub"
echo "  nodes of their home; 2019-05-14's home (1000 msat, 10 ppm, CLTV 14) deviates on none of its non-hub nodes' 634),"
echo "  2021's medians fell to 112-131 ppm (1 seed within at either size): routes forwarded from a rank 11-50 hub to"
echo "  another hub 0.55 times per payment, the snapshot 0.13. The cheap links between hubs (one operator's (1 msat, 1"
echo "  ppm, CLTV 18)) join particular hubs in the snapshot; drawn per pair of homes onto random hub pairs they made a"
echo "  cheap backbone. The fit now keeps the links among the hubs with both policies (747, 1,829 and 4,266 links) and the"
echo "  generator copies those among the hubs it pins: 0.15 times per payment, medians 121-161 ppm."
echo "- Its result then: 2026's p99 within on 5 seeds of 5 at 5,000 payments (2,702-3,141 ppm against 2,712; was 2) and"
echo "  3 at 500 (1); 2019's p99 on 5 and 5 (3 and 4); but 2019's medians lower, 102-112 ppm at 5,000 payments against"
echo "  138 (3 seeds out), which this step mends."
echo "Tried and dropped at that step (all three snapshots, 5 seeds, both workloads; seeds within as (hops, p50, p99)):"
echo "- The hubs' policies per rank with one-channel peers on the hubs only by the quotas' share (the previous step's"
echo "  placement, which over-filled ranks 11-43 by chance, 224 against 94 in 2019): 83 checks, but by a wrong placement."
echo "- Policies per rank for hub-to-hub directions too: 2019's medians 86-102 ppm, 2021's 105-122 (2021: 0 seeds within):"
echo "  the operators' cheap links on any two hubs."
echo "- Excluding all the hubs' directions to non-hub peers from the home tables (their sibling ones too): each home's"
echo "  sibling share then counts the hub-to-hub links alone; 2021 medians 112-133 (1 within at 5,000 payments)."
echo "- The upper degree body pinned as well, before the hubs were copied (\`upper_degrees\`): 2019 medians 103-202 ppm"
echo "  (1 within at 5,000), 2021 still 115-134."
echo "Earlier steps, still holding (seed 1 figures unless said):"
echo "- Channel capacities by class of the smaller end (\`capacity_by_class\`): channels between nodes of 2+ channels below"
echo "  500,000 sat were 4%, 2.5%, 1% generated against 37%, 39%, 24%; success is now near the snapshots' (above)."
echo "- Who hangs on the hubs (\`top_share_by_class\`) for the nodes of two or more channels; the non-hub nodes' homes"
echo "  from the non-hub nodes of their class (\`class_homes_below_top\`)."
echo "- Deviations by home: a non-hub direction to a non-hub peer leaves its home with the home's own share of the"
echo "  snapshot's non-hub nodes (\`siblings.other_by_home\`), towards a hub per (home, hub's home) pair."
echo "Still missed, and why:"
echo "- 2019 seed 2's fee median at 5,000 payments (103 ppm against 138, -25%). Its routes still cross cheap non-hub"
echo "  directions; the other four seeds are at 116-149."
echo "- 2026 seed 3's median at 500 payments (160 ppm, -25%; at 5,000 payments 187, within) and 2026's fee p99 at 500"
echo "  payments on seeds 1, 3 and 4 (2,830, 4,102 and 3,539 ppm against 2,271; at 5,000 payments all five are within;"
echo "  the snapshot's own control misses this check on 2 of 4 seeds, above)."
echo "- 2019 seed 3's fee p99 at 500 payments (2,351 ppm against 1,001; at 5,000 payments 1,001-1,103 on every seed)."
echo "- Fee p99 at 500 payments is the 5th most expensive payment: its 95% interval on the snapshots spans 452-1002 ppm"
echo "  (2019), 1701-2917 (2021) and 1599-4016 (2026), wider than ±20%; at 5,000 payments it narrows to 1001-1023,"
echo "  1743-1902 and 2601-3102."
