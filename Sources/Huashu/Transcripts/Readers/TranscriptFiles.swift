import Foundation

/// The transcript files found under some paths, and the paths that could not be listed.
public struct TranscriptFileList: Sendable {
    /// Files in order: each given file as is, then each directory's transcript files
    /// (known extensions, not hidden) depth-first, sorted by name. A file that exists
    /// but cannot be read stays in the list, so reading it reports why.
    public var files: [String] = []
    /// Paths that do not exist and directories that could not be listed.
    public var errors: [TranscriptError] = []

    public init(files: [String] = [], errors: [TranscriptError] = []) {
        self.files = files
        self.errors = errors
    }
}

extension TranscriptReader {
    /// The transcript files under `path`: a file is returned as is (whatever its
    /// extension); a directory is walked recursively, skipping hidden entries.
    public static func files(under path: String) -> TranscriptFileList {
        files(under: [path])
    }

    /// The transcript files under each of `paths`, in the order given.
    public static func files(under paths: [String]) -> TranscriptFileList {
        var list = TranscriptFileList()
        for path in paths {
            if path == "-" { list.files.append(path); continue }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                list.errors.append(TranscriptError(.unreadable, source: path, reason: "文件或目录不存在"))
                continue
            }
            if isDirectory.boolValue {
                var visited = Set<String>()
                walk(path, into: &list, visited: &visited)
            } else {
                list.files.append(path)
            }
        }
        return list
    }

    private static func walk(_ directory: String, into list: inout TranscriptFileList, visited: inout Set<String>) {
        let real = URL(fileURLWithPath: directory).resolvingSymlinksInPath().path
        guard visited.insert(real).inserted else { return }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            list.errors.append(TranscriptError(.unreadable, source: directory, reason: "无法列出目录（\(describe(error))）"))
            return
        }
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            if exists, isDirectory.boolValue {
                walk(path, into: &list, visited: &visited)
            } else if TranscriptFormat.knownExtensions.contains((name as NSString).pathExtension.lowercased()) {
                // Includes broken links and unreadable files: reading them reports the problem.
                list.files.append(path)
            }
        }
    }
}
