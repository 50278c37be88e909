#!/usr/bin/env python3
"""Deterministic synthetic call transcripts for the `huashu review` benchmark.

    python3 Benchmarks/review/make_calls.py --calls 100000 --out bench-out/review/calls-100000.jsonl [--seed 20261125]

One JSON call a line: {"id", "agent", "channel", "turns": [{"speaker": "agent"|"customer",
"text", "start", "end"}]}. Calls have 4-14 turns: a greeting (now and then left out),
a customer request, staff explanations, questions and answers, sometimes a hold
(mostly thanked afterwards), sometimes a complaint (mostly apologised for, with a
time to follow up), and a goodbye (now and then left out). About 8% of calls hold a
staff violation (不行, 等一下, 不归我管, 保本, 冲正, 你 …); customer turns carry their own
rude words (不行, 神经病, 你等着) that must not count. A few turns have ASR fillers
(嗯, 那个) or traditional characters. Standard library only: the same seed and size
always give the same bytes. Prints a one-line JSON summary.
"""

import argparse
import json
import random

BUSINESS = ["开户", "挂失", "补办银行卡", "转账汇款", "定期存款", "购买理财产品", "申请信用卡", "兑换零钱",
            "开通手机银行", "修改交易密码", "激活社保卡", "打印流水", "开具存款证明", "预约大额取现",
            "更换到期卡片", "修改预留手机号", "解除账户冻结", "办理定投", "查询征信报告", "申请助学贷款"]
DOCS = ["身份证", "户口本", "银行卡", "存折", "护照", "社保卡"]
TIMES = ["3分钟", "5分钟", "10分钟", "半小时", "2个工作日", "3个工作日"]
GREETINGS = ["您好，欢迎致电XX银行，请问有什么可以帮您？", "您好，很高兴为您服务，请问办理什么业务？",
             "早上好，欢迎光临，请问您需要办理什么业务？", "您好，请问有什么可以帮您？", "下午好，XX银行客服中心，请讲。"]
NO_GREETING = ["请问办理什么业务？", "说吧，什么事？", "办什么？"]
CLOSINGS = ["感谢您的来电，再见。", "请慢走，祝您生活愉快。", "还有其他可以帮您的吗？没有的话，再见。",
            "欢迎下次光临，再见。", "感谢您的耐心，祝您顺利，再见。"]
NO_CLOSING = ["好了。", "就这样吧。", "办完了。"]
REQUESTS = ["我想{b}。", "你好，我来{b}。", "请问{b}需要带什么？", "我要{b}，今天能办吗？", "{b}怎么弄？",
            "我想问一下{b}的手续。"]
EXPLAIN = ["好的，{b}需要您本人携带{d}办理。", "请您填写这张申请表，我来帮您核对。", "您的{d}我核对一下。",
           "这个业务可以在手机银行上办理，我教您操作一下。", "好的，已经为您办理完成，请您核对一下信息。",
           "请您输入一下密码。", "请您在这里签名确认。", "您的业务需要{t}左右，请您在休息区坐一下。",
           "好的，我帮您查询一下，您的卡目前状态正常。", "这款产品不保本，存在风险，请您仔细阅读风险提示。"]
CUSTOMER = ["好的。", "嗯，知道了。", "行，谢谢。", "那我等一下。", "这个我不太清楚。", "可以。", "密码是六位的吗？",
            "要多久？", "那好吧。", "明白了。"]
CUSTOMER_TRAPS = ["不行，我今天必须办好！", "你们这什么破银行，神经病！", "你等着，我要投诉你们！", "你有病吧，这么慢！",
                  "保本吗？你给我保证一下。", "我不知道啊，你们又没说。"]
COMPLAINTS = ["你们效率太低了，我等了半天！", "怎么回事，钱还没到账？", "我要投诉，你们乱扣我的钱！",
              "什么态度啊，你们经理呢？"]
APOLOGIES = ["非常抱歉给您带来不便，我马上帮您核实，{t}内给您答复。", "对不起，让您久等了，我现在就帮您处理，预计{t}内办好。",
             "很抱歉，这个问题我来跟进，会在{t}内给您回电。"]
HOLDS = ["请您稍等，大约{t}，我查一下。", "请您不要挂机，我帮您核实一下。"]
HOLD_THANKS = ["感谢您的耐心等待，已经帮您查到了。", "让您久等了，结果出来了。"]
VIOLATIONS = ["不行，这个办不了。", "你等一下。", "这个不归我管，你去问别人。", "这款理财保本保息，稳赚不赔。",
              "系统刚才冲正了，你明天再来吧。", "说了多少遍了，签这里。", "我是新来的，不太清楚。", "不知道，你自己看。",
              "你去银保监会投诉吧。", "这个我保证批下来，包在我身上。", "快点快点，后面还有人。", "那个，嗯，等着吧。"]
FILLERS = ["嗯，", "那个，", "呃，"]
TRAD = str.maketrans({"办": "辦", "业": "業", "务": "務", "请": "請", "您": "您", "这": "這", "个": "個", "为": "為"})


def fill(r, s):
    return s.format(b=r.choice(BUSINESS), d=r.choice(DOCS), t=r.choice(TIMES))


def call(r, i):
    turns = []
    bad = r.random() < 0.08
    agent_turn = lambda s: turns.append(("agent", s))
    customer_turn = lambda s: turns.append(("customer", s))
    agent_turn(r.choice(GREETINGS) if r.random() > 0.04 else r.choice(NO_GREETING))
    customer_turn(fill(r, r.choice(REQUESTS)))
    complained = r.random() < 0.12
    if complained:
        customer_turn(r.choice(COMPLAINTS))
        if r.random() < 0.8:
            agent_turn(fill(r, r.choice(APOLOGIES)))
        else:
            agent_turn("这个我帮您看看。")
    for _ in range(r.randint(1, 4)):
        s = fill(r, r.choice(EXPLAIN))
        if r.random() < 0.05:
            s = r.choice(FILLERS) + s
        if r.random() < 0.02:
            s = s.translate(TRAD)
        agent_turn(s)
        customer_turn(r.choice(CUSTOMER_TRAPS) if r.random() < 0.1 else r.choice(CUSTOMER))
    if r.random() < 0.15:
        agent_turn(fill(r, r.choice(HOLDS)))
        customer_turn("好的。")
        agent_turn(r.choice(HOLD_THANKS) if r.random() < 0.85 else "查到了，您的卡已经解冻。")
    if bad:
        agent_turn(r.choice(VIOLATIONS))
        customer_turn(r.choice(CUSTOMER))
    agent_turn(r.choice(CLOSINGS) if r.random() > 0.05 else r.choice(NO_CLOSING))
    t, out = 0.0, []
    for speaker, text in turns:
        d = round(1 + len(text) * 0.22, 1)
        out.append({"speaker": speaker, "text": text, "start": round(t, 1), "end": round(t + d, 1)})
        t += d + 0.4
    return {"id": f"R{i:07d}", "agent": f"A{r.randint(1, 50):03d}", "channel": r.choice(["phone", "counter"]), "turns": out}, bad


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--calls", type=int, required=True)
    ap.add_argument("--seed", type=int, default=20261125)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    r = random.Random(a.seed)
    turns = violations = size = 0
    with open(a.out, "w", encoding="utf-8", newline="\n") as f:
        for i in range(a.calls):
            c, bad = call(r, i)
            line = json.dumps(c, ensure_ascii=False, separators=(",", ":")) + "\n"
            f.write(line)
            turns += len(c["turns"])
            violations += bad
            size += len(line.encode("utf-8"))
    print(json.dumps({"calls": a.calls, "turns": turns, "bytes": size, "calls_with_planted_violation": violations, "seed": a.seed}))


if __name__ == "__main__":
    main()
