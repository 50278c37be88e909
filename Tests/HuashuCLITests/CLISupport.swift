import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Runs the built `huashu` executable as a subprocess for the end-to-end tests.
enum HuashuBinary {
    struct Result {
        var status: Int32
        var stdoutData: Data
        var stderrData: Data
        /// Wall-clock seconds from launch to exit.
        var elapsed: TimeInterval
        /// True when the process was stopped because it ran past the timeout.
        var timedOut: Bool

        var stdout: String { String(decoding: stdoutData, as: UTF8.self) }
        var stderr: String { String(decoding: stderrData, as: UTF8.self) }
        var stdoutLines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty } }
        /// The stdout as one JSON document.
        var json: [String: Any]? { try? JSONSerialization.jsonObject(with: stdoutData) as? [String: Any] }
        /// The stdout as JSON lines.
        var jsonLines: [[String: Any]] {
            stdoutLines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        }
        var diagnostics: String { "exit \(status)\n--- stderr\n\(stderr.prefix(3000))\n--- stdout\n\(stdout.prefix(3000))" }
    }

    /// The repository root (this file is Tests/HuashuCLITests/CLISupport.swift).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `huashu` binary built next to the test bundle, else one in a `.build*/debug` folder.
    static let url: URL = {
        var directories: [URL] = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent(),
                                  URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
                                  URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()]
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            directories.append(bundle.bundleURL.deletingLastPathComponent())
        }
        let builds = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? [])
            .filter { $0.hasPrefix(".build") }.sorted()
        directories += builds.map { root.appendingPathComponent($0).appendingPathComponent("debug") }
        for directory in directories {
            let candidate = directory.appendingPathComponent("huashu")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return directories[0].appendingPathComponent("huashu")
    }()

    /// The environment of the tests without colour settings, plus `extra`.
    static func environment(_ extra: [String: String]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = nil
        environment["TERM"] = "xterm-256color"
        for (k, v) in extra { environment[k] = v }
        return environment
    }

    /// Runs `huashu arguments…`; `stdin` nil means /dev/null. Standard input is fed
    /// through a pipe while both outputs are drained, so large data cannot deadlock.
    static func run(_ arguments: [String], stdin: Data? = nil, in directory: URL? = nil,
                    environment extra: [String: String] = [:], timeout: TimeInterval = 120) throws -> Result {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.environment = environment(extra)
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = stdin == nil ? FileHandle.nullDevice : input
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        let start = Date()
        try process.run()
        let group = DispatchGroup()
        if let stdin {
            DispatchQueue.global().async(group: group) {
                try? input.fileHandleForWriting.write(contentsOf: stdin)
                try? input.fileHandleForWriting.close()
            }
        }
        nonisolated(unsafe) var outData = Data(), errData = Data()
        DispatchQueue.global().async(group: group) { outData = out.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { errData = err.fileHandleForReading.readDataToEndOfFile() }
        var timedOut = false
        if exited.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            process.terminate()
            exited.wait()
        }
        let elapsed = Date().timeIntervalSince(start)
        group.wait()
        return Result(status: process.terminationStatus, stdoutData: outData, stderrData: errData, elapsed: elapsed, timedOut: timedOut)
    }

    /// Runs `huashu arguments…` with its standard output on a pseudo-terminal
    /// (so `isatty(1)` is true in the child) and returns what it wrote there.
    static func runOnTerminal(_ arguments: [String], stdin: Data, in directory: URL? = nil,
                              environment extra: [String: String] = [:]) throws -> (status: Int32, output: String) {
        guard let pty = PseudoTerminal.functions else { throw XCTSkip("no pseudo-terminal functions in libc") }
        let master = pty.openpt(O_RDWR | O_NOCTTY)
        guard master >= 0, pty.grant(master) == 0, pty.unlock(master) == 0, let name = pty.name(master) else {
            throw XCTSkip("no pseudo-terminal available")
        }
        let slave = open(String(cString: name), O_RDWR | O_NOCTTY)
        guard slave >= 0 else { close(master); throw XCTSkip("cannot open the pseudo-terminal") }
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.environment = environment(extra)
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
        process.standardError = FileHandle.nullDevice
        try process.run()
        close(slave)
        try? input.fileHandleForWriting.write(contentsOf: stdin)
        try? input.fileHandleForWriting.close()
        var output = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(master, &buffer, buffer.count)
            if n <= 0 { break }  // EIO once the child has closed the terminal
            output.append(contentsOf: buffer[0..<n])
        }
        process.waitUntilExit()
        close(master)
        return (process.terminationStatus, String(decoding: output, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n"))
    }

    static func temporaryDirectory(_ test: XCTestCase) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("huashu-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }
}

/// libc's pseudo-terminal calls, which the Glibc module does not export; looked
/// up with dlsym so that they are called with the C calling convention.
enum PseudoTerminal {
    typealias IntFunction = @convention(c) (Int32) -> Int32
    typealias NameFunction = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?

    struct Functions {
        let openpt: IntFunction
        let grant: IntFunction
        let unlock: IntFunction
        let name: NameFunction
    }

    static let functions: Functions? = {
        let handle = dlopen(nil, RTLD_NOW)
        guard let o = dlsym(handle, "posix_openpt"), let g = dlsym(handle, "grantpt"),
              let u = dlsym(handle, "unlockpt"), let n = dlsym(handle, "ptsname") else { return nil }
        return Functions(openpt: unsafeBitCast(o, to: IntFunction.self), grant: unsafeBitCast(g, to: IntFunction.self),
                         unlock: unsafeBitCast(u, to: IntFunction.self), name: unsafeBitCast(n, to: NameFunction.self))
    }()
}
