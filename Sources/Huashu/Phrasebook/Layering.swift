/// What one phrasebook file says about the books below it: which books it
/// extends, which rules it disables and which it overrides.
struct Layer: Sendable {
    /// Parent books: `builtin` or a path relative to the file, with where it was written.
    var extends: [(path: String, location: SourceLocation)] = []
    var disabledRules: [(id: String, location: SourceLocation)] = []
    var disabledCategories: [Category] = []
    var overrides: [RuleOverride] = []
}

/// Changes a layer makes to an inherited rule.
struct RuleOverride: Sendable {
    var id: String
    var severity: Severity?
    var message: String?
    var source: String?
    var suggestions: [Suggestion]?
    var location: SourceLocation
}

extension Phrasebook {
    /// Applies `layer` to the rules loaded so far; unknown ids are errors.
    mutating func apply(_ layer: Layer, errors: inout [PhrasebookError]) {
        for (id, location) in layer.disabledRules {
            if rules.contains(where: { $0.id == id }) {
                rules.removeAll { $0.id == id }
                provenance.append("禁用规则 \(id)（\(location)）")
            } else {
                errors.append(PhrasebookError("disable 中的规则 “\(id)” 不存在（或已被禁用）", at: location))
            }
        }
        if !layer.disabledCategories.isEmpty {
            rules.removeAll { layer.disabledCategories.contains($0.category) }
            provenance.append("禁用类别 \(layer.disabledCategories.map(\.rawValue).joined(separator: ", "))")
        }
        for o in layer.overrides {
            guard let i = rules.firstIndex(where: { $0.id == o.id }) else {
                errors.append(PhrasebookError("override 中的规则 “\(o.id)” 不存在", at: o.location))
                continue
            }
            if let s = o.severity { rules[i].severity = s }
            if let m = o.message { rules[i].message = m }
            if let s = o.source { rules[i].source = s }
            if let s = o.suggestions { rules[i].suggestions = s }
            rules[i].overrides.append(o.location)
        }
    }
}
