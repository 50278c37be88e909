#!/usr/bin/env bash
# `huashu review` throughput benchmark: calls per second and peak memory.
#
#   Benchmarks/review/run.sh            # 100 000 calls, 3 runs per setting
#   Benchmarks/review/run.sh --quick    # 5 000 calls, 1 run per setting
#   options: --calls N  --runs N  --no-build (reuse .build-bench)  --cpu N (core for --jobs 1, default 0)
#
# What it does
#   1. swift build -c release --scratch-path .build-bench --product huashu
#      (the scratch path the main benchmark Benchmarks/run.sh uses; gitignored).
#   2. Benchmarks/review/make_calls.py writes a seeded, deterministic set of call
#      transcripts (JSONL, staff and customer turns, ~8% of calls with a staff
#      violation) to bench-out/review/calls-N.jsonl, regenerated only when the
#      generator or N changes.
#   3. Streams the file through standard input, output to /dev/null:
#        taskset -c 0   huashu review --format jsonl --jobs 1 < calls.jsonl > /dev/null
#        taskset -c 0,1 huashu review --format jsonl --jobs 2 < calls.jsonl > /dev/null
#      under /usr/bin/time -v (peak RSS = "Maximum resident set size"). Median wall
#      time of the runs -> calls/s. One extra run checks the output: one line per
#      call, in input order.
#   4. Prints a table and writes bench-out/review/results-N.json (N = calls).
#
# Exit status 0 when everything ran; non-zero when the build, the generator, a
# measured command (exit status other than 0/1) or the output check fails.
# Needs swift, python3, taskset (util-linux) and GNU time at /usr/bin/time
# (installed with apt-get when missing and running as root).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
CALLS=100000 RUNS=3 BUILD=1 CPU=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        --quick) CALLS=5000 RUNS=1 ;;
        --calls) CALLS="$2"; shift ;;
        --runs) RUNS="$2"; shift ;;
        --no-build) BUILD=0 ;;
        --cpu) CPU="$2"; shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "run.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
    esac
    shift
done
OUT="$ROOT/bench-out/review"
SCRATCH="$ROOT/.build-bench"
BIN="$SCRATCH/release/huashu"
mkdir -p "$OUT"
# shellcheck source=../common.sh
source "$ROOT/Benchmarks/common.sh"

# ------------------------------------------------------------------ prerequisites
if ! { [[ -x /usr/bin/time ]] && /usr/bin/time -v true >/dev/null 2>&1; }; then
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
        say "apt-get install time"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >&2 || die "apt-get install time failed"
    else
        die "GNU time is required at /usr/bin/time (apt-get install time)"
    fi
fi
PIN1=() PIN2=()
if command -v taskset >/dev/null && taskset -c "$CPU" true 2>/dev/null; then
    PIN1=(taskset -c "$CPU")
    OTHER=$(( CPU == 0 ? 1 : 0 ))
    if [[ $(nproc) -ge 2 ]] && taskset -c "$CPU,$OTHER" true 2>/dev/null; then PIN2=(taskset -c "$CPU,$OTHER"); fi
else
    echo "run.sh: taskset unavailable; measuring unpinned (apt-get install util-linux)" >&2
fi
[[ $(nproc) -ge 2 ]] || echo "run.sh: only $(nproc) CPU: --jobs 2 cannot run in parallel" >&2

# ------------------------------------------------------------------ 1. build
if [[ $BUILD == 1 ]]; then
    say "swift build -c release --scratch-path .build-bench --product huashu"
    swift build -c release --scratch-path "$SCRATCH" --product huashu >&2 || die "build failed"
fi
[[ -x "$BIN" ]] || die "no binary at $BIN (run without --no-build)"

# ------------------------------------------------------------------ 2. calls
DATA="$OUT/calls-$CALLS.jsonl"
STAMP="$DATA.stamp"
WANT="$(cksum < Benchmarks/review/make_calls.py) calls=$CALLS"
if [[ ! -f "$STAMP" || "$(head -1 "$STAMP")" != "$WANT" || ! -f "$DATA" ]]; then
    say "generating $CALLS calls in bench-out/review/"
    STATS="$(python3 Benchmarks/review/make_calls.py --calls "$CALLS" --out "$DATA")" || die "make_calls.py failed"
    printf '%s\n%s\n' "$WANT" "$STATS" > "$STAMP"
else
    say "reusing bench-out/review/$(basename "$DATA")"
fi
STATS="$(sed -n 2p "$STAMP")"

# ------------------------------------------------------------------ 3. measure
# measure JOBS PIN... : one run; prints "WALL_S PEAK_RSS_KB CPU_S".
measure() {
    local jobs="$1"; shift
    local tfile="$OUT/.time" rc=0 t0 t1
    t0=$(date +%s%N)
    /usr/bin/time -v -o "$tfile" "$@" "$BIN" review --format jsonl --jobs "$jobs" < "$DATA" > /dev/null 2> "$OUT/.stderr" || rc=$?
    t1=$(date +%s%N)
    if [[ $rc -gt 1 ]]; then echo "run.sh: huashu review --jobs $jobs exited $rc" >&2; head -c 2000 "$OUT/.stderr" >&2; exit 1; fi
    local rss user sys
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tfile")
    user=$(awk -F': ' '/User time/ {print $2}' "$tfile")
    sys=$(awk -F': ' '/System time/ {print $2}' "$tfile")
    echo "$(( (t1 - t0) / 1000 ))e-6 $rss $(python3 -c "print($user + $sys)")"
}

LOAD1="$(cut -d' ' -f1 /proc/loadavg)"
if python3 -c "import os,sys; sys.exit(0 if float('$LOAD1') > 0.5 else 1)"; then
    echo "run.sh: load average is $LOAD1 on $(nproc) cores: other work is running, figures (--jobs 2 above all) will be noisy" >&2
fi
say "output check: --jobs 2, one line per call, in input order"
"${PIN2[@]}" "$BIN" review --format jsonl --jobs 2 < "$DATA" > "$OUT/check.out.jsonl" || [[ $? == 1 ]] || die "check run failed"
python3 - "$DATA" "$OUT/check.out.jsonl" <<'PY' || die "output check failed"
import json, sys
ids = [json.loads(l)["id"] for l in open(sys.argv[1], encoding="utf-8")]
out = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
assert [o["id"] for o in out] == ids, "ids differ from the input (count or order)"
print(f"  {len(out)} calls out, in order; {sum(1 for o in out if any(f['turn'] is not None for f in o['findings']))} with staff findings", file=sys.stderr)
PY
J1="" J2=""
for ((i = 0; i < RUNS; i++)); do
    say "run $((i + 1))/$RUNS: ${PIN1[*]} huashu review --format jsonl --jobs 1 < $(basename "$DATA") > /dev/null"
    J1+="$(measure 1 "${PIN1[@]}")"$'\n'
    say "run $((i + 1))/$RUNS: ${PIN2[*]} huashu review --format jsonl --jobs 2 < $(basename "$DATA") > /dev/null"
    J2+="$(measure 2 "${PIN2[@]}")"$'\n'
done

# ------------------------------------------------------------------ 4. report
export J1 J2 STATS CALLS RUNS OUT LOAD1 PINNED1="${PIN1[*]}" PINNED2="${PIN2[*]}"
python3 - <<'PY'
import json, os, statistics, datetime, subprocess
env = os.environ
def runs(name):
    return [tuple(float(x) for x in l.split()) for l in env[name].strip().splitlines()]
calls = int(env["CALLS"])
def summary(name, pin):
    rs = runs(name)
    wall = statistics.median(r[0] for r in rs)
    return {"pinned": pin or None, "median_s": round(wall, 3), "calls_per_s": round(calls / wall),
            "peak_rss_mb": round(max(r[1] for r in rs) / 1024, 1), "cpu_s": round(statistics.median(r[2] for r in rs), 3),
            "runs_s": [round(r[0], 3) for r in rs]}
j1, j2 = summary("J1", env["PINNED1"]), summary("J2", env["PINNED2"])
git = subprocess.run(["git", "describe", "--always", "--dirty"], capture_output=True, text=True).stdout.strip()
results = {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"), "git": git,
           "cpu": next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), None),
           "nproc": os.cpu_count(), "load_average_at_start": float(env["LOAD1"]), "runs": int(env["RUNS"]),
           "data": json.loads(env["STATS"]), "jobs_1": j1, "jobs_2": j2,
           "speedup_jobs_2": round(j1["median_s"] / j2["median_s"], 2)}
with open(os.path.join(env["OUT"], f"results-{calls}.json"), "w") as f:
    json.dump(results, f, ensure_ascii=False, indent=2); f.write("\n")
d = results["data"]
print(f"\nhuashu review benchmark: {calls} calls ({d['turns']} turns, {d['bytes'] / 1e6:.1f} MB JSONL), "
      f"median of {env['RUNS']}, {results['cpu']}, load {env['LOAD1']}")
for label, r in (("--jobs 1", j1), ("--jobs 2", j2)):
    print(f"  {label} ({r['pinned'] or 'unpinned'}): {r['calls_per_s']:>7} calls/s  {r['median_s']:>7.2f} s  "
          f"peak RSS {r['peak_rss_mb']} MB  CPU {r['cpu_s']} s")
print(f"  --jobs 2 speed-up: {results['speedup_jobs_2']}x; results: {os.path.relpath(os.path.join(env['OUT'], f'results-{calls}.json'))}")
PY
rm -f "$OUT/.time" "$OUT/.stderr"
