/// How the tokenizer reacts to a syntax error. Strict reading (running commands) stops at
/// the first one; lenient reading (completion of a half-typed line, finding where logical
/// lines end in a script whose errors are reported later, line by line) cannot fail, which
/// its `Never` failure type makes the compiler check.
protocol ErrorPolicy {
    associatedtype Failure: Error
    /// Throws when strict; returns when lenient, and the tokenizer then recovers.
    static func report(_ error: LexError) throws(Failure)
    /// Whether finished commands are kept; lenient callers want the state, not the result.
    static var keepsCommands: Bool { get }
}

enum StrictReading: ErrorPolicy {
    static func report(_ error: LexError) throws(LexError) {
        throw error
    }

    static var keepsCommands: Bool { true }
}

enum LenientReading: ErrorPolicy {
    typealias Failure = Never

    static func report(_ error: LexError) {}

    static var keepsCommands: Bool { false }
}
