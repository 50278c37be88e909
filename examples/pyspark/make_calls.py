#!/usr/bin/env python3
"""A small deterministic set of calls for the PySpark example.

    python3 examples/pyspark/make_calls.py --calls 300 --out calls.jsonl [--expect expect.json]

Agents A01-A05; every call greets and says goodbye; some agents now and then
refuse flatly (不行), deflect (不归我管) or leave the customer waiting (你等一下).
Customer turns carry traps (不行, 神经病, 你等着) that must never be findings.
--expect writes, per call id, the categories planted in staff turns.
"""

import argparse
import json
import random

AGENTS = ["A01", "A02", "A03", "A04", "A05"]
# Chance that a call of this agent has a violation.
SLOPPY = {"A01": 0.0, "A02": 0.1, "A03": 0.3, "A04": 0.5, "A05": 0.8}
VIOLATIONS = [
    ("refusal", "不行，这个办不了。"),
    ("deflection", "这个不归我管。"),
    ("vague-wait", "你等一下。"),
]
CUSTOMER = ["我想查一下余额。", "我要挂失银行卡。", "不行，我今天必须办！", "你们这什么破银行，神经病！", "你等着，我要投诉！", "好的。"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--calls", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", required=True)
    ap.add_argument("--expect")
    a = ap.parse_args()
    r = random.Random(a.seed)
    expect = {}
    with open(a.out, "w", encoding="utf-8") as f:
        for i in range(a.calls):
            agent = AGENTS[i % len(AGENTS)]
            cid = f"S{i:05d}"
            turns = [("agent", "您好，欢迎致电，请问有什么可以帮您？"), ("customer", r.choice(CUSTOMER))]
            planted = []
            if r.random() < SLOPPY[agent]:
                cat, text = r.choice(VIOLATIONS)
                planted.append(cat)
                turns.append(("agent", text))
            else:
                turns.append(("agent", "好的，我马上帮您办理，大约3分钟。"))
            turns += [("customer", "好的。"), ("agent", "感谢您的来电，再见。")]
            expect[cid] = planted
            f.write(json.dumps({"id": cid, "agent": agent, "channel": "phone",
                                "turns": [{"speaker": s, "text": t} for s, t in turns]}, ensure_ascii=False) + "\n")
    if a.expect:
        with open(a.expect, "w", encoding="utf-8") as f:
            json.dump(expect, f, ensure_ascii=False)


if __name__ == "__main__":
    main()
