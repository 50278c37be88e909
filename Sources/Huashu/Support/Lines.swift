extension StringProtocol {
    /// The text's lines, split at "\n" with a trailing "\r" dropped. Splits on
    /// Unicode scalars: Swift treats "\r\n" as one `Character`, so splitting a
    /// CRLF text on the `Character` "\n" would not split it at all.
    public var crlfAwareLines: [Substring] {
        String(self).unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { view in
            var line = Substring(view)
            if line.unicodeScalars.last == "\r" { line = Substring(line.unicodeScalars.dropLast()) }
            return line
        }
    }
}
