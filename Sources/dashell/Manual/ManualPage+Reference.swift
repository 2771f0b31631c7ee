import ConfigStore
import ConfigStoreSQLite
import ShellCore
import ShellInteractive

/// The manual's sections about the shell itself: what it is, its command language, exit
/// codes, environment, files and examples.
extension ManualPage {
    var description: [String] {
        [
            ".Sh DESCRIPTION",
            ".Nm",
            "configures Smart ID Digital Access from the command line, through the tree of menus of Digital Access Admin.",
            "Changes are staged in a",
            ".Em candidate ;",
            ".Cm publish",
            "validates the candidate and makes it the new published revision, atomically.",
            "Every revision is kept: history, compare, rollback.",
            ".Pp",
            "Without arguments on a terminal,",
            ".Nm",
            "opens the interactive shell: line editing, TAB completion,",
            ".Ql \\&?",
            "for what may come next, and a history of entered lines.",
            "The candidate stays in the store between sessions: leaving with unpublished changes keeps them, and the next session resumes them.",
            ".Pp",
            "Script files,",
            ".Fl c",
            "and standard input (when it is not a terminal) run as scripts: each in a fresh candidate, stopping at the first failing command with",
            ".Ql FILE:LINE:COLUMN: error: MESSAGE",
            "and the source line.",
            "Scripts never prompt.",
            "A script file may start with",
            ".Ql #!/usr/bin/env dashell .",
        ]
    }

    var commandLanguage: [String] {
        var lines = [
            ".Sh COMMAND LANGUAGE",
            "The interactive shell and script files take the same commands, one per line or separated by",
            ".Ql \\&; .",
            "Paths are keywords separated by blanks; a first word starting with",
            ".Ql /",
            "is absolute;",
            ".Ql ..",
            "goes up.",
            "Commands and keywords may be abbreviated to a unique prefix.",
            "A list key written with *, ? or [...], quoted, is a pattern:",
            ".Cm set , Cm delete No and Cm show",
            "act on each existing entry it matches and say how many; at a terminal, changing more",
            "than 100 entries asks first.",
            ".Bl -tag -width Ds",
        ]
        for command in LanguageReference.commands {
            let words = command.usage.split(separator: " ", maxSplits: 1).map(String.init)
            lines.append(".It Cm " + MDoc.argument(words[0]) + (words.count > 1 ? " No " + MDoc.argument(words[1]) : ""))
            lines += MDoc.text(command.summary)
        }
        lines += [".El", ".Pp", "Output pipes follow a command after", ".Ql | ,", "and chain:", ".Bl -tag -width Ds"]
        for pipe in LanguageReference.pipes {
            lines += [".It Cm " + MDoc.argument(pipe.usage)] + MDoc.text(pipe.summary)
        }
        return lines + [".El"]
    }

    var exitStatus: [String] {
        [".Sh EXIT STATUS", "A script stops at its first failing command and exits with its code:", ".Bl -tag -width Ds"]
            + ExitCode.allCases.flatMap { [".It \($0.rawValue)"] + MDoc.text($0.meaning) }
            + [".El"]
    }

    var environment: [String] {
        let entries: [(name: String, text: String)] = [
            ("DASHELL_STORE", "The store when no --store is given."),
            (
                "DASHELL_SPILL_THRESHOLD",
                "How many records a candidate holds in memory before it moves them to a temporary table of the store; 150000 when unset."
            ),
            ("XDG_DATA_HOME", "Where the default store lives (see FILES); ~/.local/share when unset."),
            ("XDG_STATE_HOME", "Where the history of the interactive shell lives; ~/.local/state when unset."),
            ("HOME", "The home folder, for the defaults above and ~/.editrc."),
            ("EDITRC", "The line editor's settings file, read instead of ~/.editrc."),
            ("USER", "The identity recorded in history when no --user is given (else the login name)."),
            ("NO_COLOR", "When set, to any value, output is never coloured (as with --no-color)."),
            ("PAGER", "The pager for long output on a terminal; less -FRX when unset. The | no-more pipe bypasses it."),
        ]
        return [".Sh ENVIRONMENT", ".Bl -tag -width Ds"]
            + entries.flatMap { [".It Ev " + $0.name] + MDoc.text($0.text) }
            + [
                ".El", ".Pp", "A word", ".Ql ${NAME}", "in a command takes the value of", ".Ar NAME", "given with", ".Fl D ,",
                "else that of the environment variable.",
            ]
    }

    var files: [String] {
        let underVariables = ["XDG_DATA_HOME": "$XDG_DATA_HOME", "XDG_STATE_HOME": "$XDG_STATE_HOME"]
        let underHome = ["HOME": "~"]
        return [
            ".Sh FILES",
            ".Bl -tag -width Ds",
            ".It Pa " + StoreLocation.defaultPath(environment: underVariables),
            ".It Pa " + StoreLocation.defaultPath(environment: underHome),
            "The default store: every published revision and each user's candidate.",
            "It holds secrets, so it is created readable by its owner only (0600).",
            ".It Pa " + InteractiveShell.historyPath(environment: underVariables),
            ".It Pa " + InteractiveShell.historyPath(environment: underHome),
            "The lines entered in the interactive shell, with secrets masked.",
            ".It Pa ~/.editrc",
            "Settings of the line editor, see",
            ".Xr editrc 5 .",
            "TAB and",
            ".Ql \\&?",
            "call the functions",
            ".Cm complete-word",
            "and",
            ".Cm help-at-cursor ,",
            "which a file switching to vi bindings has to bind again; lines starting with",
            ".Ql dashell:",
            "apply to dashell only.",
            ".El",
        ]
    }

    var examples: [String] {
        let examples: [(what: String, commands: [String])] = [
            ("Open the interactive shell on the default store:", ["$ dashell"]),
            (
                "Change a setting and publish it, with a comment for the history:",
                [
                    "$ dashell -c 'edit manage-system distribution-services global-settings", "    set external-port 8443",
                    #"    publish comment "new port"'"#,
                ]
            ),
            ("Check what a script would change, without publishing:", ["$ dashell check users.dash"]),
            (
                "Run scripts, in order, against a given store, with a variable they use as ${PORT}:",
                ["$ dashell --store /srv/dashell/store.sqlite -D PORT=8443 ports.dash users.dash"]
            ),
            ("List the last five revisions:", ["$ dashell -c 'show history 5'"]),
            (
                "Back up the published configuration, secrets included, and restore it:",
                ["$ dashell export --format json --include-secrets > backup.json", "$ dashell -c 'load replace backup.json; publish'"]
            ),
            (
                "Hand each published revision to a deploy script, starting after the last one it took:",
                [
                    #"$ dashell watch --from "$(cat last)" | while read -r line; do"#, #"    deploy "$line" && jq .revision <<<"$line" > last"#,
                    "  done",
                ]
            ),
        ]
        let paragraphs = examples.map { example in
            MDoc.text(example.what) + [".Bd -literal -offset indent"] + example.commands.map(MDoc.line) + [".Ed"]
        }
        return [".Sh EXAMPLES"] + paragraphs.joined(separator: [".Pp"])
    }

    var seeAlso: [String] {
        [".Sh SEE ALSO", ".Xr editrc 5 ,", ".Xr less 1"]
    }
}
