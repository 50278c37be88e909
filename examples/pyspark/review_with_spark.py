#!/usr/bin/env python3
"""Review call transcripts with Spark, using the huashu binary as the mapper.

    python3 examples/pyspark/review_with_spark.py --huashu .build/debug/huashu calls.jsonl
        [--partitions 4] [--master local[2]] [--out reviews.jsonl] [--summary summary.json]

Each input line is one call in JSON ({"id", "agent"?, "channel"?, "turns":
[{"speaker", "text"}]}). Spark splits the lines into partitions and pipes each
partition through

    huashu review --format jsonl --fail-on never --jobs 1

(`RDD.pipe`): huashu streams JSON lines on stdin and writes one JSON object per
call ({"id", "agent", "score", "findings", "missing", ...}) on stdout, in input
order. The per-call results are collected on the driver (and written to --out),
and the per-agent mean scores are computed with reduceByKey and printed.

`--fail-on never` keeps the exit status 0 when calls have findings, so
`checkCode=True` only fails a task for real errors: a malformed line makes
huashu print the reason on stderr and exit 2. With --allow-bad-input such
lines are only reported (on the executors' stderr) and the job goes on.

Local mode needs nothing but `pip install pyspark` and Java 17+. On a cluster,
ship the binary together with its resource bundle (huashu_DefaultPhrasebook.resources,
next to it in the build directory) to every node, e.g. with --archives, and
pass the path as seen on the executors.
"""

import argparse
import json
import os
import sys


def staff_findings(review: dict) -> int:
    """Findings in staff turns (missing steps are call-level findings with turn null)."""
    return sum(1 for f in review["findings"] if f.get("turn") is not None)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("calls", help="JSON lines, one call per line")
    ap.add_argument("--huashu", default=os.environ.get("HUASHU_BIN", "huashu"), help="path to the huashu binary")
    ap.add_argument("--partitions", type=int, default=4, help="number of partitions (one huashu process each)")
    ap.add_argument("--master", default="local[2]", help="Spark master (default local[2])")
    ap.add_argument("--out", help="write the per-call results here (JSON lines, input order)")
    ap.add_argument("--summary", help="write the per-agent summary here (JSON)")
    ap.add_argument("--allow-bad-input", action="store_true", help="do not fail the job on malformed lines")
    args = ap.parse_args()

    binary = os.path.abspath(args.huashu) if os.sep in args.huashu else args.huashu
    if os.sep in binary and not os.access(binary, os.X_OK):
        print(f"review_with_spark: {binary} is not an executable huashu binary", file=sys.stderr)
        return 2

    from pyspark.sql import SparkSession

    spark = (SparkSession.builder.master(args.master).appName("huashu-review")
             .config("spark.ui.enabled", "false").getOrCreate())
    spark.sparkContext.setLogLevel("WARN")
    sc = spark.sparkContext
    try:
        # Partitions keep the file's order, and huashu keeps each partition's order,
        # so collect() returns the calls in input order.
        lines = sc.textFile(os.path.abspath(args.calls), minPartitions=args.partitions).filter(lambda l: l.strip())
        command = f"{binary} review --format jsonl --fail-on never --jobs 1"
        # RDD.pipe starts the command with exactly `env` as its environment.
        env = {"LANG": "C.UTF-8", "NO_COLOR": "1"}
        reviews = lines.pipe(command, env=env, checkCode=not args.allow_bad_input).map(json.loads).cache()

        per_call = reviews.collect()
        # Per agent: (score sum, calls, findings in staff turns, missing steps) -> means.
        by_agent = (reviews.map(lambda r: (r.get("agent") or "(unknown)", (r["score"], 1, staff_findings(r), len(r["missing"]))))
                    .reduceByKey(lambda a, b: tuple(x + y for x, y in zip(a, b)))
                    .mapValues(lambda t: {"calls": t[1], "mean_score": t[0] / t[1], "findings": t[2], "missing_steps": t[3]})
                    .collect())
        partitions = lines.getNumPartitions()
    finally:
        spark.stop()

    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            for r in per_call:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    agents = dict(sorted(by_agent))
    summary = {"calls": len(per_call), "partitions": partitions,
               "mean_score": sum(r["score"] for r in per_call) / len(per_call) if per_call else None,
               "by_agent": agents}
    if args.summary:
        with open(args.summary, "w", encoding="utf-8") as f:
            json.dump(summary, f, ensure_ascii=False, indent=2)
            f.write("\n")

    print(f"reviewed {len(per_call)} calls in {partitions} partitions with {binary}")
    print(f"{'agent':<12} {'calls':>6} {'mean score':>11} {'findings':>9} {'missing steps':>14}")
    for agent, g in agents.items():
        print(f"{agent:<12} {g['calls']:>6} {g['mean_score']:>11.2f} {g['findings']:>9} {g['missing_steps']:>14}")
    if per_call:
        print(f"{'all':<12} {len(per_call):>6} {summary['mean_score']:>11.2f} {sum(map(staff_findings, per_call)):>9} "
              f"{sum(len(r['missing']) for r in per_call):>14}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
