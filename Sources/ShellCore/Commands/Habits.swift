/// Words that users of Junos and Nokia MD-CLI type out of habit, and what dashell says
/// instead: an unknown word that is one of these gets this advice rather than the nearest
/// names, which would not help (`commit` is a slip away from no command).
enum Habits {
    /// Command names of those CLIs.
    static let commands: [String: String] = [
        "commit": "dashell says publish (and validate to check without publishing)",
        "run": "not needed here: there is no separate operational mode, so show, status and the rest run as they are",
        "configure": "not needed here: you are always editing your own candidate; edit moves to a place",
        "edit-config": "not needed here: you are always editing your own candidate; edit moves to a place",
        "quit-config": "dashell says quit (your candidate is kept for your next session)",
        "info": "dashell says show",
        "back": "dashell says up",
    ]

    /// Pipe names (after `|`).
    static let pipes: [String: String] = [
        "compare": "compare is a command of its own here: type compare for the candidate against the published configuration"
    ]

    /// `load` modes.
    static let loadModes: [String: String] = [
        "override": "dashell says load replace"
    ]

    /// Words after a command that takes none, by the command's name and the word.
    static let arguments: [String: String] = [
        "exit configuration-mode": "there is no configuration mode to leave: quit leaves the shell from anywhere",
        "exit all": "dashell says top",
    ]
}
