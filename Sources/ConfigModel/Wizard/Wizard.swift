/// A guided dialogue that adds to a configuration: questions asked one at a time, whose
/// answers become leaves to set. What to ask is the product's; how to ask — prompts,
/// completion of choices, asking again after a bad answer — is the shell's.
public protocol Wizard: Sendable {
    /// The word after `wizard` that starts this dialogue.
    var topic: String { get }

    /// Asks the questions through `ask`, reading `config` for the entries to choose from.
    /// Returns the leaves to set with their values, in order, or nil when abandoned.
    func run(reading config: any ConfigReader, ask: Asker) throws -> [(ConfigPath, String)]?
}

/// Why a wizard cannot go on: something it needs is missing (no server to choose), and the
/// user has to create it first.
public struct WizardCannotContinue: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
