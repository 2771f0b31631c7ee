/// A place in the source: the physical line (1-based) and the column (1-based) counted in
/// Unicode scalars, which is what error messages report and what an editor can map back to
/// the text without knowing how a terminal draws graphemes.
struct SourcePosition: Hashable, Sendable {
    var line: Int
    var column: Int
}
