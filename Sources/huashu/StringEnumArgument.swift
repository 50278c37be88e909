import ArgumentParser

/// An enum option whose values are its raw strings. Spelling out what
/// ArgumentParser would derive spares its defaults, which go through
/// `String(describing:)` and cost noticeable time at every start.
protocol StringEnumArgument: ExpressibleByArgument, CaseIterable, RawRepresentable where RawValue == String {}

extension StringEnumArgument {
    static var allValueStrings: [String] { allCases.map(\.rawValue) }
    /// Values carry no descriptions of their own.
    static var allValueDescriptions: [String: String] { [:] }
    var defaultValueDescription: String { rawValue }
}
