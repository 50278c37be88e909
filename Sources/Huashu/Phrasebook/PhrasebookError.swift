/// A problem in a phrasebook, located at file:line:column.
public struct PhrasebookError: Error, Sendable, CustomStringConvertible {
    public let location: SourceLocation
    public let message: String

    public init(_ message: String, at location: SourceLocation) {
        self.message = message
        self.location = location
    }

    public var description: String { "\(location): 错误: \(message)" }
}

/// All the problems found while loading phrasebooks; loading reports every one
/// of them rather than stopping at the first.
public struct PhrasebookLoadError: Error, Sendable, CustomStringConvertible {
    public let errors: [PhrasebookError]
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
