import Foundation

extension TranscriptReader {
    /// The bytes of one source and where its content starts (after any UTF-8 BOM).
    struct Input {
        let bytes: UnsafeRawBufferPointer
        /// The first byte after the BOM.
        let start: Int
        let source: String
        /// The call id when the source names none: the file name without extension.
        let defaultID: String
        let roles: RoleCache

        /// The role of a speaker label (looked up once per label and source).
        func role(of label: String) -> Turn.Role { roles.role(of: label) }

        var lines: RawLines { RawLines(bytes: bytes, position: start) }

        /// The whole content as a string, or an error naming the first invalid byte.
        func text() -> Result<String, TranscriptError> {
            switch UTF8Validation.validate(bytes[start...]) {
            case .valid(let s): return .success(s)
            case .invalid(let offset, let line, _):
                return .failure(invalidUTF8(offset: start + offset, line: line))
            }
        }

        /// The text of one line, or an error naming the first invalid byte.
        func text(of line: RawLine, callID: String? = nil) -> Result<String, TranscriptError> {
            switch UTF8Validation.validate(line.bytes) {
            case .valid(let s): return .success(s)
            case .invalid(let offset, _, _):
                return .failure(invalidUTF8(offset: line.offset + offset, line: line.number, callID: callID))
            }
        }

        func invalidUTF8(offset: Int, line: Int?, callID: String? = nil) -> TranscriptError {
            TranscriptError(.invalidUTF8(offset: offset), source: source, line: line, callID: callID,
                            reason: "不是有效的 UTF-8（文件第 \(offset) 字节）")
        }

        func error(_ kind: TranscriptError.Kind, line: Int?, callID: String? = nil, _ reason: String) -> TranscriptError {
            TranscriptError(kind, source: source, line: line, callID: callID, reason: reason)
        }

        /// `path:line`, for `Call.origin` of sources with several calls.
        func origin(line: Int) -> String { "\(source):\(line)" }
    }

    /// `SpeakerRoles.role(of:)` remembered per label: a source repeats a few labels many times.
    final class RoleCache {
        let roles: SpeakerRoles
        private var known: [String: Turn.Role] = [:]

        init(_ roles: SpeakerRoles) { self.roles = roles }

        func role(of label: String) -> Turn.Role {
            if let role = known[label] { return role }
            let role = roles.role(of: label)
            if known.count < 1024 { known[label] = role }
            return role
        }
    }

    /// One physical line: its bytes without the newline or a trailing CR.
    struct RawLine {
        /// 1-based.
        var number: Int
        /// Byte offset of the line's first byte in the source.
        var offset: Int
        var bytes: Slice<UnsafeRawBufferPointer>

        var isBlank: Bool { bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 } }
    }

    /// The lines of a buffer, split at LF (CRLF too), without copying.
    struct RawLines: Sequence, IteratorProtocol {
        let bytes: UnsafeRawBufferPointer
        var position: Int
        var number = 0

        init(bytes: UnsafeRawBufferPointer, position: Int) {
            self.bytes = bytes
            self.position = position
        }

        mutating func next() -> RawLine? {
            guard position < bytes.count, let base = bytes.baseAddress else { return nil }
            let end: Int
            if let p = memchr(base + position, 0x0A, bytes.count - position) {
                end = base.distance(to: UnsafeRawPointer(p))
            } else {
                end = bytes.count
            }
            var lineEnd = end
            if lineEnd > position, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            number += 1
            let line = RawLine(number: number, offset: position, bytes: bytes[position..<lineEnd])
            position = end + 1
            return line
        }
    }
}
