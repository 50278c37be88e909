import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension TranscriptReader {
    /// Lines read from a file descriptor in chunks, so a JSON-lines stream of any
    /// size is read in flat memory. A line's bytes stay valid until the next `next()`.
    final class ChunkedLines {
        private let fd: Int32
        private var storage: UnsafeMutableRawBufferPointer
        /// Valid bytes are `storage[start..<end]`.
        private var start = 0, end = 0
        /// File offset of `storage[0]`.
        private var base = 0
        private var eof = false
        private var checkedBOM = false
        private(set) var number = 0

        init(fileDescriptor fd: Int32) {
            self.fd = fd
            storage = .allocate(byteCount: 1 << 16, alignment: 1)
        }

        deinit { storage.deallocate() }

        private func readBytes(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
            #if canImport(Glibc)
            Glibc.read(fd, buffer, count)
            #else
            Darwin.read(fd, buffer, count)
            #endif
        }

        /// Skips a UTF-8 BOM and returns the first byte that is not white space
        /// (nil for an empty or blank stream), consuming nothing else.
        func peekFirstByte() -> UInt8? {
            while !checkedBOM {
                if end - start >= 3 || eof {
                    checkedBOM = true
                    if end - start >= 3, storage[start] == 0xEF, storage[start + 1] == 0xBB, storage[start + 2] == 0xBF { start += 3 }
                } else {
                    fill()
                }
            }
            var scanned = 0
            while true {
                if let i = (start + scanned..<end).first(where: { !TranscriptFormat.isSpace(storage[$0]) }) { return storage[i] }
                if eof { return nil }
                scanned = end - start
                fill()
            }
        }

        func next() -> RawLine? {
            var scanned = start
            while true {
                if let p = memchr(storage.baseAddress! + scanned, 0x0A, end - scanned) {
                    let nl = UnsafeRawPointer(storage.baseAddress!).distance(to: UnsafeRawPointer(p))
                    return take(upTo: nl, skip: 1)
                }
                if eof { return start < end ? take(upTo: end, skip: 0) : nil }
                scanned = end - start
                fill()
                scanned += start
            }
        }

        /// Everything not yet returned, up to the end of the stream.
        func rest() -> Data {
            var data = Data(UnsafeRawBufferPointer(rebasing: storage[start..<end]))
            start = end
            while !eof {
                fill()
                data.append(contentsOf: UnsafeRawBufferPointer(rebasing: storage[start..<end]))
                start = end
            }
            return data
        }

        private func take(upTo lineEnd: Int, skip: Int) -> RawLine {
            var stop = lineEnd
            if stop > start, storage[stop - 1] == 0x0D { stop -= 1 }
            number += 1
            let line = RawLine(number: number, offset: base + start, bytes: UnsafeRawBufferPointer(storage)[start..<stop])
            start = lineEnd + skip
            return line
        }

        /// Reads more bytes after `end`, moving pending bytes to the front or growing first.
        private func fill() {
            if start > 0 {
                let pending = end - start
                if pending > 0 { storage.baseAddress!.copyMemory(from: storage.baseAddress! + start, byteCount: pending) }
                base += start
                start = 0
                end = pending
            }
            if end == storage.count {
                let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: storage.count * 2, alignment: 1)
                bigger.baseAddress!.copyMemory(from: storage.baseAddress!, byteCount: end)
                storage.deallocate()
                storage = bigger
            }
            while true {
                let n = readBytes(fd, storage.baseAddress! + end, storage.count - end)
                if n > 0 { end += n; return }
                if n < 0, errno == EINTR { continue }
                eof = true
                return
            }
        }
    }

    /// Reads from an open file descriptor: JSON lines as they come (flat memory),
    /// anything else whole. `pathForFormat` is the file name used for detection.
    func read(fileDescriptor fd: Int32, source: String, pathForFormat: String?, _ body: (TranscriptEvent) throws -> Void) rethrows {
        let lines = ChunkedLines(fileDescriptor: fd)
        let first = lines.peekFirstByte()
        guard let first else {
            try body(.skipped(source: source, reason: "空文件"))
            return
        }
        let ext = pathForFormat.map { ($0 as NSString).pathExtension.lowercased() } ?? ""
        let byName = TranscriptFormat(fileExtension: ext)
        let isJSONL = format.map { $0 == .jsonl } ?? (byName == .jsonl || byName == nil)
        guard isJSONL, ext != "json", first == UInt8(ascii: "{") else {
            try read(data: lines.rest(), source: source, body)
            return
        }
        let input = Input(bytes: UnsafeRawBufferPointer(start: nil, count: 0), start: 0, source: source,
                          defaultID: Self.defaultCallID(source), roles: RoleCache(roles))
        let decoder = JSONDecoder()
        var isFirstLine = true
        while let raw = lines.next() {
            if raw.isBlank { continue }
            let event = jsonLine(raw, input: input, decoder: decoder)
            if isFirstLine, case .failed(let e) = event, e.kind == .invalidJSON, Self.startsObject(raw) {
                // Perhaps one pretty-printed object: read the rest and decide on the whole.
                var whole = Data(raw.bytes)
                whole.append(0x0A)
                whole.append(lines.rest())
                var reader = self
                reader.format = .jsonl
                try reader.read(data: whole, source: source, body)
                return
            }
            isFirstLine = false
            try body(event)
        }
    }
}
