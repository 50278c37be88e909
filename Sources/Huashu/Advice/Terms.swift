/// Search terms of a text: ICU words (folded, punctuation dropped) plus the
/// character bigrams of Han runs, so 没带身份证 meets a keyword 身份证 even where
/// ICU segments the two differently.
enum Terms {
    static func of(_ text: String) -> Set<String> {
        guard let t = try? Tokenization(text) else { return [] }
        var out = Set(t.words.filter { $0.kind != "other" }.map(\.folded))
        let han = t.normalized.scalars
        var run: [UInt32] = []
        func flush() {
            if run.count >= 2 { for i in 0..<(run.count - 1) { out.insert(Tokenization.string(run[i...i + 1])) } }
            run.removeAll()
        }
        for c in han { if (0x4E00...0x9FFF).contains(c) { run.append(c) } else { flush() } }
        flush()
        return out
    }
}
