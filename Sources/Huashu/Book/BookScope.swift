import Foundation

/// The files of the book a trainer is working on (as opposed to the books it
/// extends), so `book lint` and `book test` report on those entries only.
public struct BookScope: Sendable {
    /// The phrasebook files under the paths, in load order.
    public let files: [String]
    private let canonical: Set<String>

    /// The files under `paths` (files, or directories of `.yaml`/`.yml` files).
    public init(paths: [String]) {
        var ignored: [PhrasebookError] = []
        files = paths.flatMap { PhrasebookFiles.list($0, errors: &ignored) }
        canonical = Set(files.map(Self.canonical))
    }

    /// Whether `location` is in one of the files.
    public func contains(_ location: SourceLocation) -> Bool { contains(file: location.file) }

    public func contains(file: String) -> Bool { canonical.contains(file) || canonical.contains(Self.canonical(file)) }

    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
