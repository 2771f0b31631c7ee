/// What the editor asks of the program about the line being typed.
///
/// The editor knows nothing of the command language: it hands over the text
/// before the cursor and applies or prints what comes back.
public protocol Completer {
    /// Completions for the word ending at the cursor (TAB).
    func complete(_ textBeforeCursor: String) -> Completion

    /// Lines to print for `?`: what may come next at the cursor.
    func help(_ textBeforeCursor: String) -> [String]

    /// Whether the cursor is inside an open quote, where `?` is an ordinary character.
    func isInsideQuote(_ textBeforeCursor: String) -> Bool
}

/// The candidates for the word before the cursor and how much of it they replace.
public struct Completion: Equatable, Sendable {
    /// How many characters before the cursor a chosen candidate replaces.
    public var replaceLength: Int
    public var candidates: [Candidate]
    /// Further matches the program did not fetch (a list of a million users), counted in
    /// the listing's "… and N more".
    public var unlisted: Int
    /// Whether `unlisted` is only a lower bound, because counting stopped there ("N+ more").
    public var unlistedIsLowerBound: Bool

    public init(replaceLength: Int, candidates: [Candidate], unlisted: Int = 0, unlistedIsLowerBound: Bool = false) {
        self.replaceLength = replaceLength
        self.candidates = candidates
        self.unlisted = unlisted
        self.unlistedIsLowerBound = unlistedIsLowerBound
    }

    public static let none = Completion(replaceLength: 0, candidates: [])
}

/// One possible completion.
public struct Candidate: Equatable, Sendable {
    /// The text inserted in place of the replaced characters.
    public var text: String
    /// How the candidate is listed (e.g. a keyword with a marker, or a quoted label).
    public var display: String
    /// A one-line description shown next to the candidate when listing; may be empty.
    public var description: String
    /// Whether a unique completion is followed by a space; false when more
    /// naturally follows without one (an opening quote, a path separator, a
    /// text that already ends in a space).
    public var appendsSpace: Bool

    public init(_ text: String, display: String? = nil, description: String = "", appendsSpace: Bool = true) {
        self.text = text
        self.display = display ?? text
        self.description = description
        self.appendsSpace = appendsSpace && !text.hasSuffix(" ")
    }
}
