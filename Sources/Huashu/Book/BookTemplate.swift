import Foundation

/// The starting point of a bank's own phrasebook, written by `huashu book new`:
/// it extends the built-in book and holds one commented rule, one approved
/// line and one scenario, and passes `book lint` and `book test` as written.
public enum BookTemplate {
    /// The YAML of a new book called `name`.
    public static func yaml(name: String) -> String {
        """
        # \(name)：本行的话术库。它继承内置的 zh-CN 话术库，再加上本行自己的规则、
        # 规范话术和情景话术。格式见 huashu 源码中的 phrasebooks/README.md。
        #
        # 修改后依次运行（把 PATH 换成本文件或所在目录）：
        #   huashu book lint PATH        找出写法上的错误
        #   huashu book test PATH        运行每条规则的 examples
        #   huashu book coverage PATH --corpus 草稿目录/    看规则在真实草稿上的触发情况
        #   huashu check --no-default --phrasebook PATH 草稿.txt

        name: \(quoted(name))
        description: 本行的服务忌语、规范话术和情景话术。

        # 先加载内置话术库，再应用本文件的 disable / override，最后加入本文件的条目。
        extends: builtin

        # 停用不适合本行的内置规则或整个类别（huashu book show --resolved 列出全部规则 id）：
        # disable:
        #   rules: [refusal.flat-no]
        #   categories: [jargon]

        # 修改内置规则的严重级别、说明或建议：
        # override:
        #   - id: refusal.flat-no
        #     severity: error
        #     message: 本行要求：不得直接说“不行”，要说明原因并给出办法。

        rules:
          # 一条规则 = 一种不该对客户说的说法，以及应该怎么说。
          - id: jargon.bank-crm-system          # 唯一的 id，习惯写成 <类别>.<英文短名>
            category: jargon                    # DOMAIN.md 的 14 个类别之一
            severity: warning                   # error | warning | info
            message: 不要对客户说内部系统的名称，换成客户听得懂的说法（避免使用专业术语）。
            source: 本行柜面服务规范              # 所依据的条款（可选）
            patterns:                           # 任一模式匹配即触发，语法见 README
              - CRM(系统)?
            suggestions:                        # 规范的替代说法：引用 lines 中的话术，或直接写 text
              - line: bank.ownership-register
            examples:                           # huashu book test 逐条检查
              fire: [这个要在CRM里补录一下。]     # 必须触发
              pass: [这笔业务需要在系统里补录，我现在为您办理。]   # 不得触发

        lines:
          # 规范话术：tag 写家族（greeting thanks apology empathy listening inquiry ownership
          # commitment alternative wait closing）或技巧（3f sandwich taichi understanding inquiry）。
          - id: bank.ownership-register
            tag: ownership
            text: 我现在就为您在系统里登记，大约需要两分钟。

        scenarios:
          # 情景话术：huashu reply 按 keywords 找到情景，按 steps 给出分步答复；{槽位} 由柜员填写。
          - id: bank-system-busy
            title: 系统繁忙，业务要多办理几分钟
            keywords: [系统慢, 系统繁忙, 办得慢, 等了很久]
            technique: sandwich
            steps:
              - label: 肯定
                tag: apology
                text: 非常抱歉让您久等了，我理解您赶时间的心情。
              - label: 说明
                text: 现在系统处理的业务比较多，这笔业务大约还需要{分钟}分钟。
              - label: 办法
                tag: commitment
                text: 我会一直为您跟进，办好后第一时间告诉您，您可以先在休息区坐一坐。

        """
    }

    static func quoted(_ s: String) -> String {
        var out = ""
        JSON.quote(s, into: &out)
        return out
    }

    /// Writes a new book at `path`: a `.yaml`/`.yml` path is the file itself,
    /// anything else a new directory holding `book.yaml`. Returns the file
    /// written; refuses to overwrite.
    public static func create(at path: String) throws -> String {
        let url = URL(fileURLWithPath: path)
        let isFile = ["yaml", "yml"].contains(url.pathExtension.lowercased())
        let name = isFile ? url.deletingPathExtension().lastPathComponent : url.lastPathComponent
        let file = isFile ? url : url.appendingPathComponent("book.yaml")
        if FileManager.default.fileExists(atPath: path) {
            throw BookError(description: "\(path): 已经存在，不会覆盖")
        }
        do {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(yaml(name: name).utf8).write(to: file, options: .withoutOverwriting)
        } catch {
            throw BookError(description: "\(file.path): 无法写入（\(error.localizedDescription)）")
        }
        return isFile ? path : (path.hasSuffix("/") ? path + "book.yaml" : path + "/book.yaml")
    }
}
