#!/usr/bin/env bash
# Cross-check of lnsim's `cloth` protocol against CLoTH itself, built from source (issue 22, item 1).
#
# A benchmark, not part of `mvn verify`: about 33 min on an idle 2-core machine (16 without the 50,000-payment
# setting, CROSSCHECK_LARGE=0), most of it CLoTH's own path finding.
# For each setting (CLoTH's shipped cloth_input.txt, two other seeds and average amounts, and the shipped one with
# 50,000 payments) it
#   1. runs CLoTH (marcono/cloth, pinned commit below) on its shipped 2020 snapshot, which generates the payments;
#   2. feeds CLoTH's generated payments.csv to lnsim as workload.trace on the same snapshot
#      (data/snapshots/cloth-snapshot-2020 holds CLoTH's nodes_ln/channels_ln/edges_ln.csv byte for byte: checked),
#      with protocol `cloth` in CLoTH's engine semantics (file balances, no reserve, receivers settling each part,
#      CLoTH's latency in whole ms) and with `source` in lnsim's defaults on that network;
#   3. times every run on this machine, in this one script (CROSSCHECK_STEPS, default "settings repeats optimised":
#      e.g. "repeats optimised" reruns only the timed rounds into an existing WORK_DIR, keeping its settings' runs,
#      and rewrites the table);
# and for the shipped setting also runs lnsim's departures from CLoTH one at a time, then times it again in
# CROSSCHECK_REPEATS rounds (default 3; 0 skips them, ~2 min each): CLoTH once, then lnsim `cloth` three times, so that
# the speed-up comes with its spread on this machine, and in CROSSCHECK_OPTIMISED rounds (default 3; 0 skips them, ~1
# min each) the same with CLoTH built with gcc -O2 from the same sources (its Makefile builds with -g and no -O), so
# that the table also gives the factor against CLoTH at its best. Then
# experiments/cloth/crosscheck.py writes results/tables/cloth-crosscheck.md and its recipe cloth-crosscheck.yaml (the
# measured text, so that `lnsim reproduce cloth-crosscheck --check` holds).
#
# Needs: gcc, make, libgsl-dev (installed with apt-get when missing; run as root), python3 with numpy and scipy, the
# CLoTH source as a git directory (CLOTH_GIT; when it is not given and this machine has no mirror of it, the script
# clones https://github.com/marcono/cloth) or a folder with it (CLOTH_SRC). Usage: experiments/cloth/crosscheck.sh [WORK_DIR]   (WORK_DIR default: a fresh temp dir)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CLOTH_COMMIT=e0e40430238a3a00ae4a60edab72ef31ee29c062
CLOTH_GIT="${CLOTH_GIT:-/work/.mirror/marcono+cloth/repo}"
work="${1:-$(mktemp -d -t cloth-crosscheck.XXXXXX)}"
mkdir -p "$work"
if [ -z "${CLOTH_SRC:-}" ] && ! [ -d "$CLOTH_GIT" ]; then
  git clone --bare --quiet https://github.com/marcono/cloth "$work/cloth.git" >&2
  CLOTH_GIT="$work/cloth.git"
fi
nice_run() { nice -n "${NICE:-15}" "$@"; }
echo "cross-check work dir: $work" >&2

# --- 1. CLoTH from source ---------------------------------------------------------------------------------------
if ! [ -e /usr/include/gsl/gsl_rng.h ]; then
  apt-get install -y libgsl-dev >&2
fi
src="$work/cloth-src"
if [ -n "${CLOTH_SRC:-}" ]; then
  rm -rf "$src"; cp -r "$CLOTH_SRC" "$src"
else
  rm -rf "$src"; mkdir -p "$src"
  git --git-dir="$CLOTH_GIT" archive "$CLOTH_COMMIT" | tar -x -C "$src"
fi
(cd "$src" && make build >/dev/null 2>&1)
for f in nodes_ln.csv channels_ln.csv edges_ln.csv; do
  cmp -s "$src/$f" <(zcat "$root/data/snapshots/cloth-snapshot-2020/$f.gz") \
    || { echo "crosscheck: $f differs between CLoTH $CLOTH_COMMIT and data/snapshots/cloth-snapshot-2020" >&2; exit 1; }
done

# --- 2. lnsim's jar ---------------------------------------------------------------------------------------------
"$root/lnsim" --version >/dev/null  # builds the jar and records its class-data archive when stale, before any timing
# from here on the jar built above is the one timed, even if a source is edited while the script runs
export LNSIM_REBUILD=0

now() { date +%s.%N; }
# timed FILE ROW CMD...: runs CMD and appends "ROW<tab>wall seconds" to FILE
timed() {
  local file=$1 row=$2; shift 2
  local t0; t0=$(now)
  "$@"
  local t1; t1=$(now)
  printf '%s\t%s\n' "$row" "$(echo "$t1 - $t0" | bc)" >> "$file"
}
# the machine timed on, for the table: the factor between the two sides depends on it (java as the launcher picks it)
printf '%s, %s cores, %s\n' "$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)" "$(nproc)" \
  "$("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -1)" > "$work/machine.txt"
timings="$work/walls.tsv"
STEPS="${CROSSCHECK_STEPS:-settings repeats optimised}"
case " $STEPS " in *" settings "*) printf 'setting\tside\tvariant\twall_s\n' > "$timings" ;; esac

# settings: name seed average_payment_amount(sat) payments
settings=(
  "shipped 1992 100 5000"
  "seed7-1k 7 1000 5000"
  "seed42-10k 42 10000 5000"
)
# the shipped setting with ten times the payments, where start-up weighs less on either side (CLoTH: ~16 min idle);
# CROSSCHECK_LARGE=0 leaves it out
if [ "${CROSSCHECK_LARGE:-1}" != 0 ]; then
  settings+=("shipped-50k 1992 100 50000")
fi

# stage_cloth DIR INPUT [BINARY]: CLoTH's binary (BINARY, default the Makefile's build), its snapshot and the input
# file INPUT in a fresh run folder DIR
stage_cloth() {
  rm -rf "$1"; mkdir -p "$1/out"
  cp "$src/nodes_ln.csv" "$src/channels_ln.csv" "$src/edges_ln.csv" "$1/"
  cp "${3:-$src/cloth}" "$1/cloth"
  cp "$2" "$1/cloth_input.txt"
}
# cloth_in DIR SEED: CLoTH run in DIR with GSL seed SEED
cloth_in() { (cd "$1" && GSL_RNG_SEED=$2 nice_run ./cloth out/ > cloth.log 2>&1); }
# lnsim_in CFG OUT: lnsim through the launcher, as a user runs it (its class-data archive is recorded by the
# --version call above)
lnsim_in() { LNSIM_JAVA_OPTS="${LNSIM_JAVA_OPTS:--Xmx4g}" nice_run "$root/lnsim" run "$1" --out "$2" > "$2.log" 2>&1; }

run_cloth() { # name seed amount payments
  local name=$1 seed=$2 amount=$3 payments=$4 dir="$work/$1/cloth"
  mkdir -p "$dir"
  sed -e "s/^average_payment_amount=.*/average_payment_amount=$amount/" -e "s/^n_payments=.*/n_payments=$payments/" \
    "$src/cloth_input.txt" > "$work/$name/cloth_input.txt"
  stage_cloth "$dir" "$work/$name/cloth_input.txt"
  timed "$timings" "$(printf '%s\tcloth\tcloth' "$name")" cloth_in "$dir" "$seed"
}

# config name variant protocols-yaml extra-yaml-lines: writes the lnsim config of a setting's variant, prints its path
config() {
  local cfg="$work/$1/configs/$2.yaml"
  mkdir -p "$work/$1/configs"
  cat > "$cfg" <<YAML
seed: 1
network: {file: '$root/data/snapshots/cloth-snapshot-2020'}
workload: {trace: '$work/$1/cloth/payments.csv'}
protocols: $3
$4
YAML
  echo "$cfg"
}

run_lnsim() { # name variant protocols-yaml extra-yaml-lines
  local cfg; cfg=$(config "$@")
  timed "$timings" "$(printf '%s\tlnsim\t%s' "$1" "$2")" lnsim_in "$cfg" "$work/$1/lnsim-$2"
}

# CLoTH's engine semantics in lnsim: the file's balances, no reserve, each part settled as it arrives, CLoTH's latency
# truncated to whole ms as CLoTH's clock does
CLOTH_LIKE=$'balances: {split: file, reserve_fraction: 0}\nlatency: {model: cloth, cloth_whole_ms: true}\nengine: {receiver: claims_early}'
# lnsim's defaults on CLoTH's network and latency (experiments/configs/cloth-2020.yaml)
LNSIM_DEFAULTS=$'balances: {split: file}\nlatency: {model: cloth}'

for s in "${settings[@]}"; do
  case " $STEPS " in *" settings "*) ;; *) break ;; esac
  read -r name seed amount payments <<< "$s"
  echo "== $name: CLoTH seed $seed, average $amount sat, $payments payments" >&2
  run_cloth "$name" "$seed" "$amount" "$payments"
  run_lnsim "$name" cloth '[{name: cloth}]' "$CLOTH_LIKE"
  run_lnsim "$name" source-defaults '[{name: source}]' "$LNSIM_DEFAULTS"
  if [ "$name" = shipped ]; then
    # lnsim's departures from CLoTH, one at a time, from the CLoTH-like cloth run
    run_lnsim "$name" cloth-reserve '[{name: cloth}]' \
      $'balances: {split: file, reserve_fraction: 0.01}\nlatency: {model: cloth, cloth_whole_ms: true}\nengine: {receiver: claims_early}'
    run_lnsim "$name" cloth-us-latency '[{name: cloth}]' \
      $'balances: {split: file, reserve_fraction: 0}\nlatency: {model: cloth}\nengine: {receiver: claims_early}'
    run_lnsim "$name" cloth-halflife-1h '[{name: cloth, penalty_half_life_s: 3600}]' "$CLOTH_LIKE"
    run_lnsim "$name" cloth-first-routes-arrival '[{name: cloth, first_routes: arrival}]' "$CLOTH_LIKE"
    run_lnsim "$name" cloth-no-split '[{name: cloth, split_on_no_path: false}]' "$CLOTH_LIKE"
    run_lnsim "$name" cloth-commitment-latency '[{name: cloth}]' \
      $'balances: {split: file, reserve_fraction: 0}\nengine: {receiver: claims_early}'
    run_lnsim "$name" source-cloth-knobs \
      '[{name: source, fuzz: 0, max_fee_percent: 100, riskfactor: 15, max_hops: 27}]' "$CLOTH_LIKE"
  fi
done

# rounds FILE DIR BINARY ROUNDS LABEL: the shipped setting again, interleaved: CLoTH (BINARY) once, then lnsim `cloth`
# three times, per round; CLoTH's payments must be the shipped run's
rounds() {
  local file=$1 dir=$2 binary=$3 n=$4 label=$5 cfg r k
  printf 'round\tside\twall_s\n' > "$file"
  cfg=$(config shipped cloth '[{name: cloth}]' "$CLOTH_LIKE")
  for r in $(seq 1 "$n"); do
    echo "== $label round $r of the shipped setting" >&2
    stage_cloth "$dir/cloth-$r" "$work/shipped/cloth/cloth_input.txt" "$binary"
    timed "$file" "$(printf '%s\tcloth' "$r")" cloth_in "$dir/cloth-$r" 1992
    cmp -s "$dir/cloth-$r/payments.csv" "$work/shipped/cloth/payments.csv" \
      || { echo "crosscheck: $label round $r of CLoTH generated other payments than the shipped run" >&2; exit 1; }
    for k in 1 2 3; do
      rm -rf "$dir/lnsim"
      timed "$file" "$(printf '%s\tlnsim' "$r")" lnsim_in "$cfg" "$dir/lnsim"
    done
  done
}
if [ "${CROSSCHECK_REPEATS:-3}" -gt 0 ] && case " $STEPS " in *" repeats "*) true ;; *) false ;; esac; then
  rounds "$work/repeats.tsv" "$work/repeats" "$src/cloth" "${CROSSCHECK_REPEATS:-3}" repeat
fi
# CLoTH built with the compiler's optimisation (its Makefile builds with -g and no -O): the same sources, -O2, same
# outputs (checked per round); the speed-up against CLoTH at its best (CROSSCHECK_OPTIMISED rounds, default 3, 0 skips)
if [ "${CROSSCHECK_OPTIMISED:-3}" -gt 0 ] && case " $STEPS " in *" optimised "*) true ;; *) false ;; esac; then
  (cd "$src" && gcc -O2 -pthread -o cloth-O2 src/*.c -lgsl -lgslcblas -lm)
  rounds "$work/optimised.tsv" "$work/optimised" "$src/cloth-O2" "${CROSSCHECK_OPTIMISED:-3}" "-O2"
fi

python3 "$root/experiments/cloth/crosscheck.py" "$work" "$CLOTH_COMMIT" > "$root/results/tables/cloth-crosscheck.md"
echo "wrote results/tables/cloth-crosscheck.md (work dir $work)" >&2
