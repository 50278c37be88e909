#!/usr/bin/env python3
"""Deterministic synthetic corpus of bank-counter staff language, for the benchmark.

    python3 Benchmarks/make_corpus.py --size-mb 20 --out bench-out/corpus [--prefix-mb 5] [--seed 20240601]

Writes OUT.txt (one sentence or short paragraph per line) and OUT.jsonl
({"id", "text"} per line, the same lines). With --prefix-mb, also writes
OUT.prefix.jsonl holding the first lines of OUT.jsonl up to that size. Prints a
one-line JSON summary (bytes, lines, share of lines with banned phrasing).

Lines are built from templates and vocabulary: mostly clean, polite staff
sentences, with about 7% containing banned phrasing (不行, 等一下, 不归我管, 保本,
ATM, 你, 说了多少遍 …). Full-width punctuation throughout; a few lines in
traditional characters, with full-width Latin letters, digits, English words or
emoji. Standard library only; the same seed and size always give the same bytes.
"""

import argparse
import json
import os
import random
import sys

# ---------------------------------------------------------------- vocabulary

BUSINESS = [
    "开户", "销户", "挂失", "补办银行卡", "转账汇款", "定期存款", "活期取款", "购买理财产品",
    "申请信用卡", "兑换零钱", "外币兑换", "开通手机银行", "修改交易密码", "激活社保卡",
    "打印流水", "开具存款证明", "个人住房贷款咨询", "代缴水电燃气费", "办理对公结算",
    "预约大额取现", "更换到期卡片", "绑定第三方支付", "签约代发工资", "办理定投",
    "修改预留手机号", "解除账户冻结", "查询征信报告", "办理国债认购", "申请助学贷款",
]
DOCUMENTS = ["身份证", "户口本", "护照", "港澳通行证", "银行卡", "存折", "营业执照", "结婚证",
             "房产证", "工作证明", "社保卡", "驾驶证"]
PRODUCTS = ["稳健型理财", "七天通知存款", "三年期大额存单", "货币基金", "国债", "养老理财",
            "结构性存款", "纸黄金", "净值型理财", "按月付息存款"]
PLACES = ["三号窗口", "大堂经理那边", "自助服务区", "贵宾室", "二楼个贷部", "对公柜台",
          "填单台", "叫号机", "智能柜员机", "理财室"]
TIMES = ["上午九点", "下午四点半", "明天上午", "本周五", "下个工作日", "月底前", "三个工作日内",
         "今天下班前", "十五分钟后", "周六上午十点"]
CUSTOMERS = ["您", "阿姨", "叔叔", "王先生", "李女士", "张老师", "陈先生", "刘阿姨", "赵女士", "各位客户"]
EMOJI = ["😊", "👍", "🙏", "💳", "🏦", "✅", "🌹", "☺️"]
ENGLISH = ["App", "VIP", "U盾", "UKey", "PIN", "POS机", "Wi-Fi", "5G", "QR码", "USB", "SMS"]


def amount(r):
    kind = r.random()
    if kind < 0.35:
        return f"{r.randint(1, 99) * 100}元"
    if kind < 0.6:
        return f"{r.randint(1, 50)},{r.randint(0, 999):03d}.{r.randint(0, 99):02d}元"
    if kind < 0.8:
        return r.choice(["五千元", "一万元", "两万元", "五万元", "二十万元", "三千五百元"])
    return f"{r.randint(1, 30)}万元"


def rate(r):
    return f"{r.randint(1, 4)}.{r.randint(0, 99):02d}%"


def tail(r):
    return f"{r.randint(0, 9999):04d}"


def phone(r):
    return f"1{r.choice('3578')}{r.randint(0, 9)}****{r.randint(0, 9999):04d}"


# Each template is a function of the random generator; clean templates never
# contain phrasing the built-in phrasebook flags.
CLEAN = [
    lambda r: f"{r.choice(CUSTOMERS)}好，欢迎光临，请问您办理什么业务？",
    lambda r: f"您好，请问您今天是来{r.choice(BUSINESS)}吗？",
    lambda r: f"请您出示一下{r.choice(DOCUMENTS)}，我帮您{r.choice(BUSINESS)}。",
    lambda r: f"办理{r.choice(BUSINESS)}需要您本人的{r.choice(DOCUMENTS)}和{r.choice(DOCUMENTS)}原件。",
    lambda r: "请您稍候，我马上为您查询。",
    lambda r: "请您稍等片刻，系统正在处理，大约需要一两分钟。",
    lambda r: f"您的卡号尾号是{tail(r)}，请您核对一下是否正确。",
    lambda r: f"这笔转账金额是{amount(r)}，收款人是{r.choice(['王', '李', '张', '刘', '陈'])}某某，请您确认。",
    lambda r: f"目前{r.choice(PRODUCTS)}的年化参考收益率是{rate(r)}，过往业绩不代表未来表现。",
    lambda r: f"{r.choice(PRODUCTS)}属于{r.choice(['低', '中低', '中'])}风险等级，理财非存款，产品有风险，投资须谨慎。",
    lambda r: f"请您在“客户签名”处签上您的名字，在“日期”一栏写上今天的日期。",
    lambda r: f"麻烦您输入一下六位数的交易密码，输入完毕请按确认键。",
    lambda r: f"您可以到{r.choice(PLACES)}办理，那边现在人比较少。",
    lambda r: f"您的预约时间是{r.choice(TIMES)}，到时请携带{r.choice(DOCUMENTS)}前来办理。",
    lambda r: f"验证码已经发送到您尾号{tail(r)[:4]}的手机上，号码是{phone(r)}，请您查收。",
    lambda r: "非常抱歉让您久等了，感谢您的耐心。",
    lambda r: f"这项业务需要{r.choice(TIMES)}才能到账，到账后会有短信提醒。",
    lambda r: f"您可以下载我行手机{r.choice(['App', '银行App', 'APP'])}，以后转账查询都更方便。",
    lambda r: f"您的{r.choice(['VIP', '贵宾'])}权益包括免收{r.choice(['跨行转账', '年费', '短信'])}手续费和专属理财经理服务。",
    lambda r: f"请您收好{r.choice(DOCUMENTS)}和回单，欢迎下次光临！",
    lambda r: "请您带好随身物品，祝您生活愉快。",
    lambda r: f"根据监管要求，单笔取现超过{r.choice(['五万元', '二十万元', '5万元'])}需要提前一天预约。",
    lambda r: f"您的{r.choice(['U盾', 'UKey', '网银盾'])}需要插在电脑的USB接口上，再输入{r.choice(['PIN码', '密码'])}即可。",
    lambda r: f"这份《{r.choice(['个人账户开户申请书', '风险揭示书', '产品说明书', '客户权益须知'])}》请您仔细阅读，有不清楚的地方随时问我。",
    lambda r: f"我们的营业时间是工作日上午9:00至下午5:00，周末{r.choice(['正常营业', '只开放自助区', '上午营业'])}。",
    lambda r: f"{r.choice(CUSTOMERS)}，您的号码是A{r.randint(1, 299):03d}，前面还有{r.randint(1, 15)}位客户。",
    lambda r: f"您看这样行不行：我先帮您{r.choice(BUSINESS)}，再帮您{r.choice(BUSINESS)}。",
    lambda r: f"如果您在开放期内不行使赎回权，产品会自动进入下一个投资周期。",
    lambda r: f"您这张卡的可用余额是{amount(r)}，本月已使用额度{amount(r)}。",
    lambda r: f"汇率按今天的现汇卖出价计算，1美元兑{r.randint(6, 7)}.{r.randint(1000, 9999)}元人民币。",
    lambda r: f"没关系，我再给您解释一遍：{r.choice(PRODUCTS)}按{r.choice(['月', '季', '年'])}付息，到期一次性还本。",
    lambda r: f"这个问题我需要请示一下{r.choice(['主管', '大堂经理', '客户经理'])}，请您稍坐，我尽快给您答复。",
    lambda r: "您反映的情况我已经记录下来了，我们会在三个工作日内给您回复。",
    lambda r: f"您可以扫描柜台上的QR码关注我们的公众号，也可以拨打客服热线95{r.randint(500, 599)}。",
    lambda r: f"外面在下雨，您出门时注意安全{r.choice(['', '，我们这里有爱心伞可以借用'])}。",
]

BANNED = [
    lambda r: f"不行，{r.choice(['今天零钱已经换完了', '这个卡办不了', '没有预约不能取', '系统不支持'])}。",
    lambda r: "等一下，我这边还没弄完。",
    lambda r: f"你先等一下，{r.choice(['我在忙', '前面还有人', '电脑卡了'])}。",
    lambda r: f"这个不归我管，你去{r.choice(PLACES)}问吧。",
    lambda r: f"{r.choice(PRODUCTS)}是保本的，收益{rate(r)}，稳赚不赔。",
    lambda r: f"这款产品保本保息，您放心买。",
    lambda r: f"取现金去外面的ATM，柜台不办小额取款。",
    lambda r: f"您去门口的ＡＴＭ机上自己操作就行。",
    lambda r: f"我都说了多少遍了，要带{r.choice(DOCUMENTS)}！",
    lambda r: f"你自己看吧，上面都写着呢。",
    lambda r: "快点签字，后面还有人排队。",
    lambda r: f"你听不懂吗？要先拿号。",
    lambda r: f"不知道，你问{r.choice(['别人', '大堂经理', '客服'])}去。",
    lambda r: "下班了，明天再来吧。",
    lambda r: f"没看见我正忙着吗？",
    lambda r: f"这是规定，我也没办法。",
    lambda r: f"不可以，{r.choice(['密码必须本人输入', '代办要有委托书'])}。",
]

# A few common characters in traditional form, for lines typed on a traditional IME.
TRADITIONAL = str.maketrans({
    "这": "這", "们": "們", "请": "請", "务": "務", "业": "業", "办": "辦", "银": "銀", "账": "賬",
    "号": "號", "证": "證", "时": "時", "钱": "錢", "还": "還", "没": "沒", "说": "說", "个": "個",
    "为": "為", "会": "會", "财": "財", "问": "問", "开": "開", "关": "關", "让": "讓", "给": "給",
    "对": "對", "现": "現", "额": "額", "转": "轉", "汇": "匯", "户": "戶", "费": "費", "经": "經",
    "欢": "歡", "迎": "迎", "临": "臨", "确": "確", "认": "認", "码": "碼", "级": "級", "险": "險",
})
FULLWIDTH = str.maketrans({chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F) if chr(c).isalnum()})


def sentence(r, stats):
    stats["sentences"] += 1
    if r.random() < 0.07:
        stats["banned"] += 1
        return r.choice(BANNED)(r)
    return r.choice(CLEAN)(r)


def line(r, stats):
    n = 1 if r.random() < 0.75 else r.randint(2, 4)  # one sentence or a short paragraph
    before = stats["banned"]
    text = "".join(sentence(r, stats) for _ in range(n))
    stats["lines_banned"] += stats["banned"] > before
    x = r.random()
    if x < 0.03:
        text = text.translate(TRADITIONAL)
    elif x < 0.05:
        text = text.translate(FULLWIDTH)
    if r.random() < 0.02:
        text += r.choice(EMOJI)
    if r.random() < 0.01:
        text = f"【{r.choice(ENGLISH)}】" + text
    return text


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size-mb", type=float, default=20.0, help="target size of OUT.txt in MB (10^6 bytes)")
    ap.add_argument("--out", required=True, help="output path without extension")
    ap.add_argument("--prefix-mb", type=float, help="also write OUT.prefix.jsonl of about this size")
    ap.add_argument("--seed", type=int, default=20240601)
    args = ap.parse_args()

    r = random.Random(args.seed)
    stats = {"banned": 0, "lines_banned": 0, "sentences": 0}
    target = int(args.size_mb * 1e6)
    prefix_target = int(args.prefix_mb * 1e6) if args.prefix_mb else None
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    size = jsonl_size = lines = 0
    prefix = open(args.out + ".prefix.jsonl", "w", encoding="utf-8", newline="\n") if prefix_target else None
    with open(args.out + ".txt", "w", encoding="utf-8", newline="\n") as txt, \
         open(args.out + ".jsonl", "w", encoding="utf-8", newline="\n") as jsonl:
        while size < target:
            text = line(r, stats)
            lines += 1
            record = json.dumps({"id": f"s{lines:07d}", "text": text}, ensure_ascii=False) + "\n"
            txt.write(text + "\n")
            jsonl.write(record)
            size += len(text.encode()) + 1
            n = len(record.encode())
            jsonl_size += n
            if prefix and jsonl_size <= prefix_target:
                prefix.write(record)
    if prefix:
        prefix.close()
    print(json.dumps({"txt_bytes": size, "jsonl_bytes": jsonl_size, "lines": lines,
                      "banned_sentence_share": round(stats["banned"] / stats["sentences"], 4),
                      "banned_line_share": round(stats["lines_banned"] / lines, 4)}))


if __name__ == "__main__":
    sys.exit(main())
