import ArgumentParser
import Huashu

/// Which phrasebooks to use: the built-in one plus `--phrasebook` paths.
struct PhrasebookOptions: ParsableArguments {
    @Option(name: .customLong("phrasebook"), help: ArgumentHelp("追加话术库文件或目录（可重复）。", valueName: "path"))
    var paths: [String] = []

    @Flag(name: .customLong("no-default"), help: "不加载内置的 zh-CN 话术库。")
    var noDefault = false

    func load() throws -> Phrasebook {
        if noDefault && paths.isEmpty { throw UserError("使用 --no-default 时必须用 --phrasebook 指定至少一个话术库") }
        do {
            if paths.isEmpty { return try Phrasebook.builtIn() }
            if noDefault { return try Phrasebook.load(paths: paths) }
            guard let builtIn = Phrasebook.builtInDirectory else { return try Phrasebook.builtIn() }
            return try Phrasebook.load(paths: [builtIn] + paths)
        } catch let error as PhrasebookLoadError {
            throw UserError("话术库有错误：\n" + error.description)
        }
    }
}
