#!/usr/bin/env bash
# A real one-node Slurm cluster on this machine, and lnsim's sweep run through it (issue 19): the job array that
# `lnsim sweep --emit-slurm` writes must give the same bytes as a single-process sweep, and a cancelled array task
# must leave exactly its units missing, found by `lnsim merge` and filled in by `lnsim sweep --only-missing`.
#
# Runs as root on Debian 12 (CI runs it after `mvn -B verify`). Installs slurm-wlm and munge from Debian's packages
# when they are missing, then starts munged (as the munge user), slurmctld and slurmd on a configuration written
# into a temporary folder (nothing under /etc is read or changed: the clients find it through SLURM_CONF, the daemons
# through -f, munge through its own key and socket), and stops them and removes the folder on exit, failure included.
#
# Cases, on experiments/slurm/cluster-test.yaml (6 units of seconds each), each compared with a single-process
# `lnsim sweep` of it: 0, a 4-task `hostname` array (the daemons work); 1, the emitted 4-task array and its merge job,
# submitted by the emitted submit.sh, give that sweep's bytes; 2, the same with task 1 cancelled before it starts
# (the partition is down while submitting): `lnsim merge` exits 1 naming exactly task 1's units (its share as case 1's
# task 1 printed it, and what is missing on disk), the merge job waits on a dependency never satisfied, and the
# printed `--only-missing` command then `lnsim merge` (exit 0) give that sweep's bytes. About 70 s, plus ~20 s of
# apt-get when the packages are missing. Uses ./lnsim (which builds experiments/target/lnsim.jar when missing).
#
# Environment: LNSIM_SLURM_KEEP=1 keeps the temporary folder (logs, outputs) after a failure;
#              LNSIM_SLURM_PORT=P puts slurmctld on port P and slurmd on P+1 (default 6817, Slurm's own).
# Prints `test-cluster: ...` progress lines and ends with `test-cluster: PASS`, or exits non-zero.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
started=$SECONDS

say() { echo "test-cluster: $*"; }
die() { echo "test-cluster: FAIL: $*" >&2; exit 1; }
elapsed() { echo "$((SECONDS - ${1:-$started})) s"; }
words() { tr '\n' ' ' <<<"$1" | sed 's/ *$//'; }  # a list, one per line, on one line

# Waits until the command "$2..." succeeds, polling every half second, at most $1 seconds; returns 1 on timeout.
wait_for() {
  local limit=$1 end=$((SECONDS + $1)); shift
  while ! "$@"; do
    [ "$SECONDS" -lt "$end" ] || return 1
    sleep 0.5
  done
}

[ "$(id -u)" = 0 ] || die "must run as root (it installs packages and starts munged, slurmctld and slurmd)"

# ---- temporary folder, and the exit that stops everything -------------------------------------------------------
tmp="$(mktemp -d "${TMPDIR:-/tmp}/lnsim-slurm.XXXXXX")"
chmod 755 "$tmp"  # munged runs as the munge user and must reach its own folders below
mkdir -p "$tmp/state" "$tmp/spool" "$tmp/log" "$tmp/run"

cleanup() {
  local rc=$? pid
  set +e
  trap - EXIT INT TERM
  if [ -n "${SLURM_CONF:-}" ] && [ -f "$tmp/run/slurmctld.pid" ]; then
    # Jobs outlive their daemons (slurmstepd is on its own): cancel ours and let them end before the shutdown.
    local jobs
    jobs="$(squeue -h -o %A 2>/dev/null | sort -u | tr '\n' ' ')"
    if [ -n "${jobs// /}" ]; then
      # shellcheck disable=SC2086
      scancel $jobs 2>/dev/null
      wait_for 30 no_jobs || echo "test-cluster: jobs still queued at exit: $jobs" >&2
    fi
    scontrol shutdown >/dev/null 2>&1
  fi
  for daemon in slurmd slurmctld munged; do
    pid="$(cat "$tmp/run/$daemon.pid" 2>/dev/null)" || continue
    [ "$(ps -o comm= -p "$pid" 2>/dev/null)" = "$daemon" ] || continue
    [ "$daemon" = munged ] && kill "$pid" 2>/dev/null
    wait_for 20 not_running "$pid" "$daemon" || { kill "$pid" 2>/dev/null; wait_for 10 not_running "$pid" "$daemon"; }
  done
  if [ "$rc" != 0 ]; then
    for log in "$tmp"/log/*.log "$tmp"/munge/*.log; do
      [ -s "$log" ] || continue
      echo "test-cluster: --- last lines of $log" >&2
      tail -n 15 "$log" >&2
    done
  fi
  if [ "$rc" != 0 ] && [ "${LNSIM_SLURM_KEEP:-}" = 1 ]; then
    echo "test-cluster: kept $tmp" >&2
  else
    rm -rf "$tmp"
  fi
  exit "$rc"
}
not_running() { [ "$(ps -o comm= -p "$1" 2>/dev/null)" != "$2" ]; }
no_jobs() { [ -z "$(squeue -h -o %A 2>/dev/null)" ]; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- packages ---------------------------------------------------------------------------------------------------
missing=()
for tool in slurmctld:slurm-wlm slurmd:slurm-wlm sbatch:slurm-wlm munged:munge; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || missing+=("${tool#*:}")
done
if [ "${#missing[@]}" -gt 0 ]; then
  t=$SECONDS
  say "installing slurm-wlm and munge from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -q && apt-get install -y -q slurm-wlm munge; } >"$tmp/log/apt.txt" 2>&1 \
    || { cat "$tmp/log/apt.txt" >&2; die "apt-get install slurm-wlm munge failed"; }
  say "installed in $(elapsed "$t")"
fi
say "$(slurmctld -V), $(munged --version 2>&1 | awk '{print $1; exit}')"

# ---- configuration ----------------------------------------------------------------------------------------------
mkdir -p "$tmp/munge" "$tmp/socket"
chown munge:munge "$tmp/munge" "$tmp/socket"
chmod 700 "$tmp/munge"  # key, seed, pid and log: the munge user's alone
chmod 755 "$tmp/socket" # munged wants its socket's folder open to all (every client connects)

# The node line as slurmd itself sees this machine (CPUs, sockets, cores, threads, RealMemory in MiB), cross-checked
# with nproc and /proc/meminfo: a node configured with more than it has would be drained ("Low RealMemory").
node_line="$(slurmd -C | sed -n 1p)"
node="$(sed -n 's/^NodeName=\([^ ]*\).*/\1/p' <<<"$node_line")"
cpus="$(sed -n 's/.* CPUs=\([0-9]*\).*/\1/p' <<<"$node_line")"
mem_mib="$(sed -n 's/.* RealMemory=\([0-9]*\).*/\1/p' <<<"$node_line")"
if [ -z "$node" ] || [ -z "$cpus" ] || [ -z "$mem_mib" ]; then die "cannot read 'slurmd -C': $node_line"; fi
meminfo_mib=$(( $(awk '/^MemTotal:/ {print $2}' /proc/meminfo) / 1024 ))
[ "$cpus" = "$(nproc --all)" ] || die "slurmd -C sees $cpus CPUs, nproc --all $(nproc --all)"
[ "$mem_mib" -le "$meminfo_mib" ] || die "slurmd -C sees $mem_mib MiB, /proc/meminfo $meminfo_mib MiB"
say "node $node: $cpus CPUs, $mem_mib MiB (slurmd -C; nproc $(nproc --all), MemTotal $meminfo_mib MiB)"

port="${LNSIM_SLURM_PORT:-6817}"
for p in "$port" "$((port + 1))"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then  # something answers there
    die "port $p is in use (another Slurm?); set LNSIM_SLURM_PORT to a free pair"
  fi
done

# The munge key: 1 KiB of random bytes, the munge user's alone (munged refuses a key others can read).
dd if=/dev/urandom of="$tmp/munge/munge.key" bs=1024 count=1 status=none
chown munge:munge "$tmp/munge/munge.key"
chmod 400 "$tmp/munge/munge.key"

export SLURM_CONF="$tmp/slurm.conf"
cat >"$SLURM_CONF" <<EOF
# One-node test cluster written by experiments/slurm/test-cluster.sh; everything lives under $tmp.
ClusterName=lnsimtest
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$tmp/socket/munged.socket
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/run/slurmctld.pid
SlurmdPidFile=$tmp/run/slurmd.pid
SlurmctldLogFile=$tmp/log/slurmctld.log
SlurmdLogFile=$tmp/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
# No cgroups: processes are tracked through /proc and tasks are not bound (nothing to set up on the machine).
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
# Cores and memory are the consumable resources, so --cpus-per-task and --mem decide how many tasks run at once.
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
DefMemPerCPU=512
SchedulerType=sched/backfill
MpiDefault=none
SwitchType=switch/none
ReturnToService=2
# No accounting daemon: finished jobs are read with scontrol, which keeps them MinJobAge seconds.
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
MinJobAge=3600
InactiveLimit=0
KillWait=5
$node_line NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=test Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF

# ---- daemons ----------------------------------------------------------------------------------------------------
t=$SECONDS
runuser -u munge -- munged \
  --socket="$tmp/socket/munged.socket" --key-file="$tmp/munge/munge.key" \
  --pid-file="$tmp/munge/munged.pid" --log-file="$tmp/munge/munged.log" --seed-file="$tmp/munge/munged.seed" \
  || die "munged did not start (see $tmp/munge/munged.log)"
wait_for 10 test -s "$tmp/munge/munged.pid" || die "munged wrote no pid file"
cp "$tmp/munge/munged.pid" "$tmp/run/munged.pid"
munge -S "$tmp/socket/munged.socket" -n | unmunge -S "$tmp/socket/munged.socket" >/dev/null \
  || die "munge round trip failed"
slurmctld -f "$SLURM_CONF" || die "slurmctld did not start"
slurmd -f "$SLURM_CONF" || die "slurmd did not start"
node_idle() { [ "$(sinfo -h -N -n "$node" -o %T 2>/dev/null)" = idle ]; }
wait_for 60 node_idle \
  || die "node $node not idle after 60 s: $(sinfo -N -o '%N %T %E' 2>&1 | tr '\n' ' ')"
say "munged, slurmctld and slurmd up, node $node idle, in $(elapsed "$t")"

# ---- helpers for jobs -------------------------------------------------------------------------------------------
# The states of a job's tasks (an array's, or one job's), one "ID STATE" line each, from slurmctld's memory.
job_states() { squeue -h -t all -j "$1" -o '%i %T' 2>/dev/null | sort; }
# Waits until none of the jobs "$@" is pending or running, at most $limit seconds.
wait_jobs() {
  local limit=$1; shift
  local ids; ids="$(IFS=,; echo "$*")"
  jobs_done() { [ -z "$(squeue -h -t pending,running,configuring,completing,suspended -j "$ids" -o %i 2>/dev/null)" ]; }
  wait_for "$limit" jobs_done \
    || die "jobs $ids not done after $limit s: $(squeue -h -j "$ids" -o '%i %T %R' | tr '\n' ';')"
}

# ---- case 0: a trivial 4-task array proves the daemons ----------------------------------------------------------
t=$SECONDS
mkdir -p "$tmp/hello"
# shellcheck disable=SC2016 # expanded by the job's shell
hello="$(sbatch --parsable --array=0-3 --cpus-per-task=1 --mem=64M -o "$tmp/hello/%a.out" -D "$tmp/hello" \
  --wrap='sleep 1; echo "task $SLURM_ARRAY_TASK_ID on $(hostname)"')"
wait_jobs 60 "$hello"
for k in 0 1 2 3; do
  grep -qx "task $k on .*" "$tmp/hello/$k.out" || die "array task $k wrote: $(cat "$tmp/hello/$k.out" 2>&1)"
done
bad="$(job_states "$hello" | grep -v ' COMPLETED$' || true)"
[ -z "$bad" ] || die "array $hello tasks not COMPLETED: $bad"
say "case 0: 4-task array $hello completed in $(elapsed "$t")"

# ---- lnsim: the jar, and the single-process sweep every Slurm run must equal -------------------------------------
# Everything runs from the repository root with the config path as given here: the array's tasks run there too
# (--chdir), and every unit's manifest names the config as given, so the folders compare byte for byte.
cd "$root"
cfg=experiments/slurm/cluster-test.yaml
export LNSIM_JAVA_OPTS="${LNSIM_JAVA_OPTS:--Xmx1g}"
slurm_opts=(--tasks 4 --cpus-per-task 1 --mem 1G --time 10 --partition test)

# Runs ./lnsim "$@" with its output in $tmp/log/$name.txt; shows it and fails when the exit code is not $expect.
run_lnsim() {
  local name=$1 expect=$2 rc=0; shift 2
  ./lnsim "$@" >"$tmp/log/$name.txt" 2>&1 || rc=$?
  [ "$rc" = "$expect" ] || { cat "$tmp/log/$name.txt" >&2; die "lnsim $* exited $rc, not $expect"; }
}
# Fails unless sweep folder $1 holds the single-process sweep's bytes. Wall-clock files aside: unit_timings.csv,
# the shards' timings/shard-I-of-N.csv, and each unit's timings.csv (wall ms per phase, different in any two runs:
# there only the phases, its first column, must be the same); and slurm/ (the scripts and Slurm's logs).
same_as_single() {
  local f
  if ! diff -r -x 'unit_timings*' -x timings -x timings.csv -x slurm "$tmp/single" "$1" >"$tmp/log/diff-$2.txt" 2>&1
  then
    head -n 20 "$tmp/log/diff-$2.txt" >&2
    die "$2: $1 differs from the single-process sweep (above)"
  fi
  for f in "$tmp"/single/units/*/timings.csv; do
    cmp -s <(cut -d, -f1 "$f") <(cut -d, -f1 "$1/${f#"$tmp/single/"}") \
      || die "$2: ${f#"$tmp/single/"} lists other phases than the single-process sweep's"
  done
}
# Emits the Slurm scripts of the sweep into $1 and submits them with the emitted submit.sh; sets array_id, merge_id.
emit_and_submit() {
  local dir=$1 name=$2 out dep
  run_lnsim "emit-$name" 0 sweep "$cfg" --out "$dir" --emit-slurm "${slurm_opts[@]}"
  for f in array.sbatch merge.sbatch submit.sh; do
    [ -s "$dir/slurm/$f" ] || die "$name: --emit-slurm wrote no $dir/slurm/$f"
  done
  out="$(bash "$dir/slurm/submit.sh")" || die "$name: submit.sh failed: $out"
  array_id="$(sed -n 's/^array job \([0-9][0-9]*\) .*merge job \([0-9][0-9]*\);.*/\1/p' <<<"$out")"
  merge_id="$(sed -n 's/^array job \([0-9][0-9]*\) .*merge job \([0-9][0-9]*\);.*/\2/p' <<<"$out")"
  if [ -z "$array_id" ] || [ -z "$merge_id" ]; then die "$name: submit.sh printed no job ids: $out"; fi
  dep="$(scontrol show job "$merge_id" | sed -n 's/.*Dependency=\([^ ]*\).*/\1/p')"
  case "$dep" in
    afterok:"$array_id"_\**) ;;
    *) die "$name: merge job $merge_id depends on '$dep', not afterok on array $array_id" ;;
  esac
}
# The units a sweep folder holds, done (a unit being written is a hidden .ID.tmp folder).
unit_ids() { find "$1/units" -mindepth 1 -maxdepth 1 -type d ! -name '.*' -printf '%f\n' | sort; }
# The units shard $2 of array $1 ran, from the line lnsim sweep --shard prints at its end (in Slurm's log of the task).
shard_units() {
  local log="$3/slurm/logs/task-$1_$2.out"
  sed -n 's|.* shard '"$2"'/4: [0-9]* of [0-9]* units ([0-9]* run now: \(.*\)) in .*|\1|p' "$log" | tr ' ' '\n' | sort
}

t=$SECONDS
run_lnsim build 0 --version  # builds the jar when it is missing, before any task needs it
run_lnsim single 0 sweep "$cfg" --out "$tmp/single" --threads 1 --quiet
all_units="$(unit_ids "$tmp/single")"
[ "$(wc -l <<<"$all_units")" = 6 ] || die "the single-process sweep holds units: $(words "$all_units")"
say "single-process sweep: 6 units ($(words "$all_units")) in $(elapsed "$t")"

# ---- case 1: the emitted array and merge jobs give the single-process sweep's bytes ------------------------------
t=$SECONDS
emit_and_submit "$tmp/case1" case1
wait_jobs 240 "$array_id" "$merge_id"
states="$(job_states "$array_id"; job_states "$merge_id")"
[ "$(grep -c ' COMPLETED$' <<<"$states")" = 5 ] || die "case 1: not all of the 4 tasks and the merge COMPLETED: $states"
grep -q '^lnsim merge: .*: tables from 6 of 6 units' "$tmp/case1/slurm/logs/merge-$merge_id.out" \
  || die "case 1: the merge job wrote: $(cat "$tmp/case1/slurm/logs/merge-$merge_id.out")"
same_as_single "$tmp/case1" "case 1"
# Each task's share, from its log: together they are every unit, each once (the shards split the sweep).
for k in 0 1 2 3; do
  share[k]="$(shard_units "$array_id" "$k" "$tmp/case1")"
  [ -n "${share[k]}" ] \
    || die "case 1: task $k's log names no units: $(cat "$tmp/case1/slurm/logs/task-${array_id}_$k.out")"
done
[ "$(printf '%s\n' "${share[@]}" | sort)" = "$all_units" ] \
  || die "case 1: the shares are not a split of the units: $(printf '[%s] ' "${share[@]}")"
shares="$(for k in 0 1 2 3; do printf 'task %s: %s; ' "$k" "$(words "${share[k]}")"; done)"
say "case 1: array $array_id (${shares%; }) and merge job $merge_id done in $(elapsed "$t");" \
  "folder identical to the single-process sweep"

# ---- case 2: a task cancelled before it starts, then lnsim merge and --only-missing --------------------------------
# The partition is down while the jobs are submitted, so nothing starts before task $k is cancelled.
t=$SECONDS
k=1
scontrol update PartitionName=test State=DOWN
emit_and_submit "$tmp/case2" case2
scancel "${array_id}_$k"
scontrol update PartitionName=test State=UP
wait_jobs 240 "$array_id"
# A pending array task cancelled before it starts leaves no record at all (scontrol: "Job A_k not found").
states="$(job_states "$array_id")"
expected_states="$(for i in 0 1 2 3; do [ "$i" = "$k" ] || echo "${array_id}_$i COMPLETED"; done)"
[ "$states" = "$expected_states" ] || die "case 2: task states $(words "$states"), expected $(words "$expected_states")"
! scontrol show job "${array_id}_$k" >/dev/null 2>&1 || die "case 2: the cancelled task $k is still known to Slurm"
[ ! -e "$tmp/case2/slurm/logs/task-${array_id}_$k.out" ] || die "case 2: the cancelled task $k started"
# afterok can no longer be met: merge.sbatch asks Slurm to cancel the merge job then (--kill-on-invalid-dep=yes)
# rather than leave it pending for ever.
ended() { [ "$(squeue -h -t all -j "$merge_id" -o '%T' 2>/dev/null)" = "CANCELLED" ]; }
wait_for 60 ended || die "case 2: merge job $merge_id is $(squeue -h -t all -j "$merge_id" -o '%T %r')," \
  "not cancelled for a dependency never satisfied"
missing_on_disk="$(comm -23 <(echo "$all_units") <(unit_ids "$tmp/case2"))"
[ "$missing_on_disk" = "${share[k]}" ] \
  || die "case 2: units missing on disk $(words "$missing_on_disk"), task $k's share $(words "${share[k]}")"
run_lnsim merge-missing 1 merge "$tmp/case2"
listed="$(sed -n 's/^lnsim merge: .*: [0-9]* of 6 units missing: //p' "$tmp/log/merge-missing.txt" \
  | tr ' ' '\n' | sort)"
[ "$listed" = "${share[k]}" ] || die "case 2: lnsim merge listed $(words "$listed"), expected task $k's share" \
  "$(words "${share[k]}"): $(cat "$tmp/log/merge-missing.txt")"
[ ! -e "$tmp/case2/results.csv" ] || die "case 2: lnsim merge wrote results.csv with units missing"
rerun="$(sed -n 's/^  \(lnsim sweep .* --only-missing.*\)$/\1/p' "$tmp/log/merge-missing.txt")"
[ "$rerun" = "lnsim sweep $cfg --out $tmp/case2 --only-missing" ] \
  || die "case 2: lnsim merge printed the rerun command '$rerun'"
say "case 2: task $k cancelled before it started; lnsim merge exit 1, missing $(words "$listed") (task $k's share);" \
  "it printed: $rerun"
# The printed command as printed (its words are plain here), from where the sweep was emitted.
# shellcheck disable=SC2086
run_lnsim only-missing 0 ${rerun#lnsim } --threads 1 --quiet
n_missing="$(wc -l <<<"${share[k]}")"
grep -q "6 units ($n_missing run now)" "$tmp/log/only-missing.txt" \
  || die "case 2: --only-missing did not run just the $n_missing missing units: $(cat "$tmp/log/only-missing.txt")"
same_as_single "$tmp/case2" "case 2, after --only-missing"  # which writes the tables itself
run_lnsim merge-complete 0 merge "$tmp/case2"
same_as_single "$tmp/case2" "case 2, after lnsim merge"
say "case 2: --only-missing ran just those $n_missing units and wrote the tables, lnsim merge exit 0;" \
  "folder identical to the single-process sweep; in $(elapsed "$t")"

say "PASS in $(elapsed)"
