import ArgumentParser
import Foundation
import Huashu

struct BookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "book",
        abstract: "维护话术库：新建、检查、测试、查看、统计、覆盖率和挖掘候选规则。",
        discussion: """
        培训师的流程：huashu book new 本行话术库 → 编辑 → book lint → book test → book coverage --corpus 草稿/ → 发布。
        PATH 为要处理的话术库（文件或目录，可多个；继承内置话术库请在文件中写 extends: builtin）。
        省略 PATH 时处理内置话术库加上 --phrasebook 指定的话术库。
        退出状态：0 正常，1 有问题（lint 错误、test 失败），2 用法、输入或话术库错误。
        """,
        subcommands: [BookNewCommand.self, BookLintCommand.self, BookTestCommand.self, BookShowCommand.self,
                      BookStatsCommand.self, BookCoverageCommand.self, BookMineCommand.self]
    )
}

/// `text` or `json`, for every `book` subcommand.
enum BookFormat: String, StringEnumArgument { case text, json }

/// The book a `book` subcommand works on: PATH arguments, or the built-in book plus `--phrasebook`.
struct BookSource: ParsableArguments {
    @Argument(help: ArgumentHelp("话术库文件或目录（可多个）；省略时为内置话术库加上 --phrasebook。", valueName: "path"))
    var paths: [String] = []

    @OptionGroup var books: PhrasebookOptions

    /// Every path to load, in order.
    func loadPaths() throws -> [String] {
        if !paths.isEmpty { return paths + books.paths }
        if books.noDefault {
            if books.paths.isEmpty { throw UserError("使用 --no-default 时必须用 --phrasebook 或 PATH 指定至少一个话术库") }
            return books.paths
        }
        guard let builtIn = Phrasebook.builtInDirectory else {
            throw UserError("找不到内置话术库（huashu_DefaultPhrasebook.resources）；请用 PATH 或 --no-default --phrasebook 指定话术库")
        }
        return [builtIn] + books.paths
    }

    /// The paths of the book being worked on (its entries are the ones linted); nil for all.
    var ownPaths: [String]? { !paths.isEmpty ? paths : (books.paths.isEmpty ? nil : books.paths) }

    /// Fails (exit 2) when a named path does not exist or cannot be read.
    func checkReadable() throws {
        for path in paths + books.paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw UserError("\(path): 话术库不存在")
            }
            if !FileManager.default.isReadableFile(atPath: path) { throw UserError("\(path): 无法读取") }
        }
    }

    /// The loaded book; a load error ends the command with exit status 2.
    func load() throws -> Phrasebook {
        try checkReadable()
        let all = try loadPaths()
        do {
            return try Phrasebook.load(paths: all)
        } catch let error as PhrasebookLoadError {
            throw UserError("话术库有错误（用 huashu book lint 查看修改提示）：\n" + error.description)
        }
    }

    func analyzer() throws -> Analyzer {
        let book = try load()
        do { return try Analyzer(phrasebook: book) } catch { throw UserError("无法初始化 ICU：\(error)") }
    }
}

/// Paths and locations as `book` commands print them: relative to the working directory when inside it.
enum BookDisplay {
    static let cwd = FileManager.default.currentDirectoryPath

    static func path(_ path: String) -> String {
        let base = cwd.hasSuffix("/") ? cwd : cwd + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }

    static func location(_ l: SourceLocation) -> String { "\(path(l.file)):\(l.line):\(l.column)" }

    static func json(_ l: SourceLocation) -> JSON.Value {
        .object([("file", .string(path(l.file))), ("line", .int(l.line)), ("column", .int(l.column))])
    }

    static func strings(_ items: [String]) -> JSON.Value { .array(items.map { .string($0) }) }
}
