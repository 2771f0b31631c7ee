/// One question of a guided dialogue: what to ask, the choices TAB and `?` offer, the
/// default taken on an empty answer, and a check that explains a bad answer.
public struct Question {
    public let prompt: String
    public let help: String
    public var choices: [String]
    public var defaultAnswer: String?
    /// Returns the canonical answer, or throws a message to show before asking again.
    public var check: (String) throws -> String

    public init(
        prompt: String, help: String, choices: [String] = [], defaultAnswer: String? = nil,
        check: @escaping (String) throws -> String = { $0 }
    ) {
        self.prompt = prompt
        self.help = help
        self.choices = choices
        self.defaultAnswer = defaultAnswer
        self.check = check
    }
}

/// Asks a question at the keyboard; nil when the user abandons (Ctrl-C or Ctrl-D).
public typealias Asker = (Question) -> String?
