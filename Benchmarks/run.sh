#!/usr/bin/env bash
# Huashu speed benchmark: one command, from the repository root or anywhere.
#
#   Benchmarks/run.sh            # full run: 20 MB corpus (+ 5 MB JSONL prefix), 3 runs each
#   Benchmarks/run.sh --quick    # CI smoke run: 2 MB corpus (+ 0.5 MB prefix)
#   options: --runs N (default 5) --no-build (reuse .build-bench) --cpu N (core to pin, default 0)
#
# What it does
#   1. swift build -c release --scratch-path .build-bench --product huashu / icu-floor
#      (a separate scratch path, so it does not fight other builds; gitignored).
#   2. Benchmarks/make_corpus.py writes a seeded, deterministic corpus of bank-counter
#      staff sentences to bench-out/ (gitignored): corpus.txt, corpus.jsonl and
#      corpus.prefix.jsonl. Regenerated only when the script or the size changes.
#   3. Measures, pinned to one core with `taskset -c 0`, each command after one untimed warm-up run:
#      - ICU floor: `icu-floor corpus.txt`, one ICU word-break pass (its own timer).
#      - `huashu check corpus.txt --format jsonl` (built-in phrasebook): median wall time
#        of N runs -> MB/s, and its ratio to the ICU floor (target >= 3x).
#      - `huashu check --input-format jsonl --format jsonl < corpus.jsonl`: throughput and
#        peak RSS for the whole file and for the prefix (memory should stay flat).
#      - startup + one short draft: `echo '您好，请问办理什么业务？' | huashu check`,
#        median of 20 runs with hyperfine (else a Python loop); target < 50 ms.
#   4. Prints a table and writes bench-out/results.json.
#
# Exit status: 0 when every command ran (missed targets are reported, not fatal);
# non-zero when a build, the corpus generator or a measured command fails
# (huashu check exits 1 when it finds something: that counts as success).
# Needs: swift, python3, taskset (util-linux), GNU time at /usr/bin/time for peak RSS
# (`apt-get install time`), optionally hyperfine (`apt-get install hyperfine`).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

QUICK=0 RUNS=5 BUILD=1 CPU=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        --quick) QUICK=1 ;;
        --runs) RUNS="$2"; shift ;;
        --no-build) BUILD=0 ;;
        --cpu) CPU="$2"; shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "run.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
    esac
    shift
done
if [[ $QUICK == 1 ]]; then SIZE_MB=2 PREFIX_MB=0.5; else SIZE_MB=20 PREFIX_MB=5; fi
STARTUP_RUNS=20
OUT="$ROOT/bench-out"
SCRATCH="$ROOT/.build-bench"
BIN="$SCRATCH/release"
DRAFT='您好，请问办理什么业务？'
mkdir -p "$OUT"

# shellcheck source=common.sh
source "$ROOT/Benchmarks/common.sh"

# ------------------------------------------------------------------ prerequisites
PIN=()
if command -v taskset >/dev/null && taskset -c "$CPU" true 2>/dev/null; then
    PIN=(taskset -c "$CPU")
else
    echo "run.sh: taskset unavailable; measuring unpinned (apt-get install util-linux)" >&2
fi
HAVE_TIME=0
if [[ -x /usr/bin/time ]] && /usr/bin/time -f '%M' true 2>/dev/null; then HAVE_TIME=1; else
    echo "run.sh: GNU time not found at /usr/bin/time: peak RSS will not be measured (apt-get install time)" >&2
fi
HAVE_HYPERFINE=0
if command -v hyperfine >/dev/null; then HAVE_HYPERFINE=1; else
    echo "run.sh: hyperfine not found; timing startup with a Python loop (apt-get install hyperfine)" >&2
fi

# ------------------------------------------------------------------ 1. build
if [[ $BUILD == 1 ]]; then
    for product in huashu icu-floor; do
        say "swift build -c release --scratch-path .build-bench --product $product"
        swift build -c release --scratch-path "$SCRATCH" --product "$product" >&2 || die "build of $product failed"
    done
fi
[[ -x "$BIN/huashu" && -x "$BIN/icu-floor" ]] || die "no binaries in $BIN (run without --no-build)"

# ------------------------------------------------------------------ 2. corpus
CORPUS="$OUT/corpus-${SIZE_MB}mb"
STAMP="$CORPUS.stamp"
WANT_STAMP="$(cat Benchmarks/make_corpus.py | cksum) size=$SIZE_MB prefix=$PREFIX_MB"
if [[ ! -f "$STAMP" || "$(head -1 "$STAMP")" != "$WANT_STAMP" || ! -f "$CORPUS.txt" ]]; then
    say "generating ${SIZE_MB} MB corpus in bench-out/"
    CORPUS_STATS="$(python3 Benchmarks/make_corpus.py --size-mb "$SIZE_MB" --prefix-mb "$PREFIX_MB" --out "$CORPUS")" \
        || die "make_corpus.py failed"
    printf '%s\n%s\n' "$WANT_STAMP" "$CORPUS_STATS" > "$STAMP"
else
    say "reusing bench-out/$(basename "$CORPUS").* (same generator and size)"
fi
CORPUS_STATS="$(sed -n 2p "$STAMP")"
TXT="$CORPUS.txt" JSONL="$CORPUS.jsonl" PREFIX="$CORPUS.prefix.jsonl"
bytes() { stat -c %s "$1"; }

# ------------------------------------------------------------------ 3. measure
# measure LABEL STDIN OUTFILE CMD... : runs CMD once (pinned), stdin from STDIN ("" for
# none), stdout to OUTFILE; prints "WALL_SECONDS PEAK_RSS_KB CPU_SECONDS" (user+sys;
# RSS and CPU "null" without GNU time). Exit status 0 or 1 counts as success (1 = findings); anything else aborts.
measure() {
    local label="$1" stdin="$2" out="$3" max="${MAX_RC:-1}"; shift 3
    local tfile="$OUT/.time" err="$OUT/.stderr" rc=0 t0 t1
    local wrap=()
    [[ $HAVE_TIME == 1 ]] && wrap=(/usr/bin/time -f '%M %U %S' -o "$tfile")
    t0=$(date +%s%N)
    if [[ -n "$stdin" ]]; then
        "${wrap[@]}" "${PIN[@]}" "$@" < "$stdin" > "$out" 2> "$err" || rc=$?
    else
        "${wrap[@]}" "${PIN[@]}" "$@" > "$out" 2> "$err" || rc=$?
    fi
    t1=$(date +%s%N)
    if [[ $rc -gt $max ]]; then
        echo "run.sh: $label failed (exit $rc): $*" >&2
        head -c 2000 "$err" >&2
        exit 1
    fi
    local rss=null cpu=null
    if [[ $HAVE_TIME == 1 ]]; then read -r rss u s < <(tail -1 "$tfile"); cpu="$(python3 -c "print($u + $s)")"; fi
    echo "$(( (t1 - t0) / 1000 ))e-6 $rss $cpu"
}

# repeat N LABEL STDIN OUTFILE CMD... : prints one "WALL RSS" line per run.
# repeat N LABEL STDIN OUTFILE CMD... : one untimed warm-up run (page cache, huge pages,
# CPU frequency settle; as hyperfine's --warmup), then N measured runs.
repeat() {
    local n="$1"; shift
    measure "$@" > /dev/null
    for ((i = 0; i < n; i++)); do measure "$@"; done
}

LOAD1="$(cut -d' ' -f1 /proc/loadavg)"
if python3 -c "import os,sys; sys.exit(0 if float('$LOAD1') > 0.5 * os.cpu_count() else 1)"; then
    echo "run.sh: load average is $LOAD1 on $(nproc) cores: other work is running, figures will be noisy" >&2
fi

say "ICU floor: icu-floor $(basename "$TXT") x$RUNS"
FLOOR_RUNS="" FLOOR_PROC=""
MAX_RC=0 measure "icu-floor" "" "$OUT/.floor" "$BIN/icu-floor" "$TXT" > /dev/null  # warm-up, as for huashu
for ((i = 0; i < RUNS; i++)); do
    FLOOR_PROC+="$(MAX_RC=0 measure "icu-floor" "" "$OUT/.floor" "$BIN/icu-floor" "$TXT")"$'\n'
    FLOOR_RUNS+="$(cat "$OUT/.floor")"$'\n'
done

say "huashu check $(basename "$TXT") --format jsonl x$RUNS"
CHECK_RUNS="$(repeat "$RUNS" "huashu check" "" "$OUT/check.out.jsonl" "$BIN/huashu" check "$TXT" --format jsonl)"

say "huashu check --input-format jsonl < $(basename "$JSONL") x$RUNS"
STREAM_RUNS="$(repeat "$RUNS" "huashu check (jsonl)" "$JSONL" "$OUT/stream.out.jsonl" \
    "$BIN/huashu" check --input-format jsonl --format jsonl)"
say "huashu check --input-format jsonl < $(basename "$PREFIX") x$RUNS"
PREFIX_RUNS="$(repeat "$RUNS" "huashu check (jsonl prefix)" "$PREFIX" "$OUT/prefix.out.jsonl" \
    "$BIN/huashu" check --input-format jsonl --format jsonl)"
# One record out per record in, none of them an error.
[[ "$(wc -l < "$OUT/stream.out.jsonl")" == "$(wc -l < "$JSONL")" ]] || die "jsonl output has a different line count than its input"
! grep -q '"error":' "$OUT/stream.out.jsonl" || die "jsonl output holds error records (see bench-out/stream.out.jsonl)"

say "startup + one short draft x$STARTUP_RUNS"
printf '%s\n' "$DRAFT" > "$OUT/draft.txt"
measure "huashu check (draft)" "$OUT/draft.txt" /dev/null "$BIN/huashu" check > /dev/null
STARTUP_JSON=""
if [[ $HAVE_HYPERFINE == 1 ]]; then
    # Through the shell, as a user types it; hyperfine subtracts the shell's own start-up.
    hyperfine --warmup 3 --runs "$STARTUP_RUNS" -i --style none --export-json "$OUT/.startup.json" \
        "echo '$DRAFT' | ${PIN[*]} $BIN/huashu check" > /dev/null \
        || die "hyperfine failed"
    STARTUP_JSON="$OUT/.startup.json"
fi

# ------------------------------------------------------------------ 4. report
export FLOOR_RUNS FLOOR_PROC CHECK_RUNS STREAM_RUNS PREFIX_RUNS STARTUP_JSON CORPUS_STATS QUICK RUNS STARTUP_RUNS
export TXT JSONL PREFIX OUT DRAFT BIN CPU LOAD1 PINNED="${PIN[*]}"
python3 - <<'PY'
import json, os, statistics, subprocess, time, datetime

env = os.environ
def runs(name):
    """(wall s, peak RSS KB or None, CPU s or None) per run."""
    num = lambda x, t: None if x == "null" else t(x)
    return [(float(w), num(r, int), num(c, float)) for w, r, c in (l.split() for l in env[name].strip().splitlines())]
def cpu_med(rs):
    return med([c for _, _, c in rs]) if rs[0][2] is not None else None
def med(xs):
    return statistics.median(xs)
size = lambda p: os.path.getsize(p)

floor = [json.loads(l) for l in env["FLOOR_RUNS"].strip().splitlines()]
floor_mbs = med([f["mb_per_s"] for f in floor])
txt_mb = size(env["TXT"]) / 1e6

check = runs("CHECK_RUNS")
check_s = med([w for w, _, _ in check])
floor_cpu, check_cpu = cpu_med(runs("FLOOR_PROC")), cpu_med(check)
cpu_ratio = floor_cpu / check_cpu if check_cpu else None
check_mbs = txt_mb / check_s
with open(os.path.join(env["OUT"], "check.out.jsonl")) as f:
    findings = sum(len(json.loads(l).get("findings", [])) for l in f if l.strip())

def stream(name, path):
    rs = runs(name)
    s = med([w for w, _, _ in rs])
    rss = [r for _, r, _ in rs if r is not None]
    return {"file": os.path.basename(path), "mb": round(size(path) / 1e6, 2), "median_s": round(s, 4),
            "mb_per_s": round(size(path) / 1e6 / s, 2), "peak_rss_mb": round(max(rss) / 1024, 1) if rss else None,
            "cpu_s": cpu_med(rs) and round(cpu_med(rs), 3), "runs_s": [round(w, 4) for w, _, _ in rs]}
full, prefix = stream("STREAM_RUNS", env["JSONL"]), stream("PREFIX_RUNS", env["PREFIX"])

if env["STARTUP_JSON"]:
    h = json.load(open(env["STARTUP_JSON"]))["results"][0]
    startup = {"tool": "hyperfine", "median_ms": round(h["median"] * 1000, 2), "runs": len(h["times"]),
               "cpu_ms_mean": round((h["user"] + h["system"]) * 1000, 2)}
else:
    cmd = env["PINNED"].split() + [os.path.join(env["BIN"], "huashu"), "check"]
    import resource
    ts = []
    for i in range(int(env["STARTUP_RUNS"]) + 3):
        if i == 3:
            r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        p = subprocess.run(cmd, input=(env["DRAFT"] + "\n").encode(), stdout=subprocess.DEVNULL)
        t = time.perf_counter() - t0
        if p.returncode > 1:
            raise SystemExit(f"run.sh: startup run failed (exit {p.returncode})")
        if i >= 3:
            ts.append(t)
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime) / len(ts)
    startup = {"tool": "python loop", "median_ms": round(med(ts) * 1000, 2), "runs": len(ts),
               "cpu_ms_mean": round(cpu * 1000, 2)}

ratio = check_mbs / floor_mbs
# The throughput target is for the 20 MB corpus; on the 2 MB smoke run startup dominates (null: not judged).
targets = {"check_vs_icu_floor_ge_3x": None if env["QUICK"] == "1" else ratio >= 3, "startup_lt_50ms": startup["median_ms"] < 50}
def rev(cmd):
    try: return subprocess.run(cmd, capture_output=True, text=True).stdout.strip()
    except OSError: return None
results = {
    "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    "git": rev(["git", "describe", "--always", "--dirty"]),
    "quick": env["QUICK"] == "1", "runs": int(env["RUNS"]), "pinned": env["PINNED"] or None,
    "cpu": next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), None),
    "nproc": os.cpu_count(), "load_average_at_start": float(env["LOAD1"]), "corpus": json.loads(env["CORPUS_STATS"]),
    "icu_floor": {"mb_per_s": round(floor_mbs, 2), "runs_mb_per_s": [f["mb_per_s"] for f in floor],
                  "process_cpu_s": floor_cpu and round(floor_cpu, 3)},
    "check_text": {"file": os.path.basename(env["TXT"]), "mb": round(txt_mb, 2), "median_s": round(check_s, 4),
                   "mb_per_s": round(check_mbs, 2), "ratio_to_icu_floor": round(ratio, 2),
                   "peak_rss_mb": round(max(r for _, r, _ in check) / 1024, 1) if check[0][1] is not None else None,
                   "cpu_s": check_cpu and round(check_cpu, 3), "cpu_ratio_to_icu_floor_process": round(cpu_ratio, 2) if cpu_ratio else None,
                   "findings": findings, "runs_s": [round(w, 4) for w, _, _ in check]},
    "check_jsonl": full, "check_jsonl_prefix": prefix,
    "startup": startup, "targets_met": targets,
}
with open(os.path.join(env["OUT"], "results.json"), "w") as f:
    json.dump(results, f, ensure_ascii=False, indent=2)
    f.write("\n")

ok = lambda b: "ok" if b else "MISSED"
fmt = lambda x, u="": "n/a" if x is None else f"{x}{u}"
rows = [
    ("ICU floor (one ubrk pass)", f"{floor_mbs:.1f} MB/s", ""),
    (f"check {results['check_text']['file']} ({txt_mb:.1f} MB)", f"{check_mbs:.1f} MB/s",
     f"{ratio:.2f}x floor (target >=3x: {'judged on the 20 MB run' if results['quick'] else ok(targets['check_vs_icu_floor_ge_3x'])}; by CPU time {fmt(cpu_ratio and round(cpu_ratio, 2), 'x')}), {findings} findings"),
    (f"check jsonl {full['file']} ({full['mb']} MB)", f"{full['mb_per_s']} MB/s", f"peak RSS {fmt(full['peak_rss_mb'], ' MB')}"),
    (f"check jsonl {prefix['file']} ({prefix['mb']} MB)", f"{prefix['mb_per_s']} MB/s", f"peak RSS {fmt(prefix['peak_rss_mb'], ' MB')}"),
    ("startup + short draft", f"{startup['median_ms']} ms",
     f"median of {startup['runs']}, {startup['tool']}, {startup['cpu_ms_mean']} ms CPU (target <50 ms: {ok(targets['startup_lt_50ms'])})"),
]
w0 = max(len(r[0]) for r in rows); w1 = max(len(r[1]) for r in rows)
pin = env["PINNED"] or "unpinned"
print(f"\nHuashu benchmark ({'quick, ' if results['quick'] else ''}median of {env['RUNS']}, {pin}, {results['cpu']}, load {env['LOAD1']})")
for a, b, c in rows:
    print(f"  {a:<{w0}}  {b:>{w1}}  {c}")
c = results["corpus"]
if results["quick"]:
    print("  (quick run: a smoke test; the targets are meant for the full 20 MB run)")
print(f"  corpus: {c['lines']} lines, {c['banned_sentence_share']:.1%} of sentences banned; results: {os.path.relpath(os.path.join(env['OUT'], 'results.json'))}")
PY
rm -f "$OUT/.time" "$OUT/.stderr" "$OUT/.floor" "$OUT/.startup.json"
