#!/usr/bin/env bash
# Runs the PySpark example end to end and checks its output.
#
#   examples/pyspark/run.sh [--calls N] [--partitions N]
#
# 1. Uses $HUASHU_BIN if set; otherwise builds huashu if needed
#    (swift build --scratch-path ${SCRATCH:-.build-examples} --product huashu, debug;
#    CONFIG=release for a release build).
# 2. Installs pyspark with pip if it cannot be imported (needs Java 17+ on PATH).
# 3. Generates a small deterministic call set (make_calls.py, default 300 calls)
#    and runs review_with_spark.py on it in local mode (RDD.pipe through huashu).
# 4. Checks the output: every input id appears exactly once, in input order; every
#    planted category is found; no finding points at a customer turn; the per-agent
#    means equal those of running huashu directly on the same file.
# Exit status 0 when every check passes, 1 on a mismatch, 2 on a setup failure.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/examples/pyspark"
cd "$ROOT"
CALLS=300 PARTITIONS=4
while [[ $# -gt 0 ]]; do
    case "$1" in
        --calls) CALLS="$2"; shift ;;
        --partitions) PARTITIONS="$2"; shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
die() { echo "run.sh: $*" >&2; exit 2; }
say() { printf '==> %s\n' "$*" >&2; }

# ------------------------------------------------------------------ 1. binary
if [[ -n "${HUASHU_BIN:-}" ]]; then
    BIN="$HUASHU_BIN"
else
    SCRATCH="${SCRATCH:-.build-examples}" CONFIG="${CONFIG:-debug}"
    say "swift build -c $CONFIG --scratch-path $SCRATCH --product huashu"
    swift build -c "$CONFIG" --scratch-path "$SCRATCH" --product huashu >&2 || die "build failed"
    BIN="$(swift build -c "$CONFIG" --scratch-path "$SCRATCH" --show-bin-path)/huashu"
fi
[[ -x "$BIN" ]] || die "no huashu binary at $BIN"

# ------------------------------------------------------------------ 2. pyspark
command -v java >/dev/null || die "Java 17+ is required by Spark (apt-get install openjdk-17-jre-headless)"
if ! python3 -c 'import pyspark' 2>/dev/null; then
    say "pip install pyspark"
    python3 -m pip install --quiet pyspark >&2 || die "pip install pyspark failed"
fi

# ------------------------------------------------------------------ 3. run
OUT="$(mktemp -d "${TMPDIR:-/tmp}/huashu-pyspark.XXXXXX")"
trap 'rm -rf "$OUT"' EXIT
python3 "$HERE/make_calls.py" --calls "$CALLS" --out "$OUT/calls.jsonl" --expect "$OUT/expect.json"
say "review_with_spark.py on $CALLS calls, $PARTITIONS partitions"
python3 "$HERE/review_with_spark.py" "$OUT/calls.jsonl" --huashu "$BIN" --partitions "$PARTITIONS" \
    --out "$OUT/reviews.jsonl" --summary "$OUT/summary.json" 2> "$OUT/spark.log" \
    || { tail -40 "$OUT/spark.log" >&2; die "review_with_spark.py failed"; }
# The same file reviewed directly, for comparison.
rc=0; "$BIN" review "$OUT/calls.jsonl" --format jsonl --fail-on never > "$OUT/direct.jsonl" || rc=$?
[[ $rc == 0 ]] || die "huashu review on the call set exited $rc"

# ------------------------------------------------------------------ 4. check
python3 - "$OUT" <<'PY'
import json, sys, collections
out = sys.argv[1]
read = lambda p: [json.loads(l) for l in open(f"{out}/{p}", encoding="utf-8") if l.strip()]
calls, reviews, direct = read("calls.jsonl"), read("reviews.jsonl"), read("direct.jsonl")
expect = json.load(open(f"{out}/expect.json", encoding="utf-8"))
summary = json.load(open(f"{out}/summary.json", encoding="utf-8"))
errors = []
ids = [c["id"] for c in calls]
got = collections.Counter(r["id"] for r in reviews)
for i in ids:
    if got[i] != 1: errors.append(f"{i} appears {got[i]} times in the Spark output")
for i in set(got) - set(ids): errors.append(f"unknown id {i} in the Spark output")
if [r["id"] for r in reviews] != ids: errors.append("Spark output is not in input order")
turns = {c["id"]: c["turns"] for c in calls}
for r in reviews:
    cats = {f["category"] for f in r["findings"]}
    for c in expect.get(r["id"], []):
        if c not in cats: errors.append(f"{r['id']}: planted {c} not found ({sorted(cats)})")
    for f in r["findings"]:
        t = f.get("turn")
        if t is not None and turns[r["id"]][t]["speaker"] != "agent":
            errors.append(f"{r['id']}: finding {f['rule']} in customer turn {t}")
# Everything but `origin` (<stdin>:N inside Spark, the file path when run directly).
strip = lambda rs: [json.dumps({k: v for k, v in r.items() if k != "origin"}, sort_keys=True) for r in rs]
if strip(reviews) != strip(direct):
    errors.append("Spark results differ from a direct huashu run")
means = collections.defaultdict(list)
for r in direct: means[r["agent"]].append(r["score"])
for agent, scores in means.items():
    m = summary["by_agent"].get(agent, {}).get("mean_score")
    if m is None or abs(m - sum(scores) / len(scores)) > 1e-9:
        errors.append(f"agent {agent}: Spark mean {m}, direct {sum(scores) / len(scores)}")
if summary["calls"] != len(ids): errors.append(f"summary counts {summary['calls']} calls, input has {len(ids)}")
for e in errors[:20]: print("MISMATCH:", e, file=sys.stderr)
if errors:
    print(f"run.sh: {len(errors)} mismatches", file=sys.stderr); sys.exit(1)
print(f"ok: {len(ids)} calls, each id once and in order; {sum(map(len, expect.values()))} planted findings found; "
      f"per-agent means match a direct run ({summary['partitions']} partitions)")
PY
