/// Call-level checks of DOMAIN.md's 三声服务 and complaint handling, driven by the
/// phrasebook's cue lists:
/// - `greeting`: the first staff turn greets (cue `greeting`);
/// - `closing`: the last staff turn says goodbye (cue `closing`);
/// - `apology`: the customer complains (cue `complaint` in a customer turn) and
///   no staff turn apologises (cue `apology`);
/// - `commitment`: an issue is open (a complaint, or a staff refusal, deflection,
///   brush-off or send-away) and no staff turn gives a concrete time or next step
///   (cue `commitment`);
/// - `hold-thanks`: a staff turn puts the customer on hold (cue `hold`) and no
///   later staff turn thanks them for waiting (cue `hold-thanks`).
public struct CallChecker: Sendable {
    public static let steps = ["greeting", "closing", "apology", "commitment", "hold-thanks"]
    /// Categories of staff findings that leave the customer's issue open.
    static let openingCategories: Set<Category> = [.refusal, .deflection, .pushingAway, .ignorance, .rude]

    let cues: CueSet
    let cleanup: SpeechCleanup?

    public init(phrasebook: Phrasebook, speech: Bool = true) {
        cues = CueSet(phrasebook.cues)
        cleanup = speech ? SpeechCleanup(phrasebook: phrasebook) : nil
    }

    /// The steps missing from `call`, given the findings of its staff turns.
    public func missingSteps(in call: Call, findings: [Finding]) -> [String] {
        let texts = call.turns.map { turn -> NormalizedText in
            let n = NormalizedText(turn.text)
            return cleanup.map { $0.apply(to: n) } ?? n
        }
        let staff = call.turns.indices.filter { call.turns[$0].role == .staff }
        let customer = call.turns.indices.filter { call.turns[$0].role == .customer }
        guard let first = staff.first, let last = staff.last else { return [] }
        func staffSays(_ cue: String, in turns: [Int]) -> Bool { turns.contains { cues.occurs(cue, in: texts[$0]) } }
        var missing: [String] = []
        if !cues.occurs("greeting", in: texts[first]) { missing.append("greeting") }
        if !cues.occurs("closing", in: texts[last]) { missing.append("closing") }
        let complained = customer.contains { cues.occurs("complaint", in: texts[$0]) }
        if complained && !staffSays("apology", in: staff) { missing.append("apology") }
        let open = complained || findings.contains { Self.openingCategories.contains($0.category) }
        if open && !staffSays("commitment", in: staff) { missing.append("commitment") }
        if let hold = staff.first(where: { cues.occurs("hold", in: texts[$0]) }) {
            let later = staff.filter { $0 > hold }
            if !later.isEmpty && !staffSays("hold-thanks", in: later) { missing.append("hold-thanks") }
        }
        return missing
    }
}
