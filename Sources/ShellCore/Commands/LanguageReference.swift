/// The command language in brief, for documentation made outside the shell (the manual
/// page), from the same table that runs the commands and that `help` lists, so the two
/// cannot drift apart.
public enum LanguageReference {
    public struct Entry: Sendable, Equatable {
        public let usage: String
        public let summary: String
    }

    /// Every command, in `help`'s order; commands refused in scripts say so.
    public static let commands: [Entry] = CommandTable.all.map { spec in
        Entry(usage: spec.usage, summary: spec.summary + (spec.interactiveOnly ? " (interactive only)" : ""))
    }

    /// The output pipes, which follow a command after `|`.
    public static let pipes: [Entry] = PipeStage.summaries.map { Entry(usage: $0.name, summary: $0.summary) }
}
