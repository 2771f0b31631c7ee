import ArgumentParser

/// `dashell --generate-completion-script bash|zsh|fish`.
///
/// ArgumentParser's scripts expect a subcommand's name before its options and know nothing of a
/// default subcommand, while dashell takes global options on either side of a subcommand
/// (see `Dashell`) and runs script files when none is named. So the script is ArgumentParser's,
/// generated from `CompletionTree` (the command tree with `run` visible), plus a small
/// shell-specific front that puts the words before the cursor in the order dashell parses them
/// (the named subcommand first, else `run`) and offers the subcommands' names where one may stand.
enum CompletionScripts {
    /// The shell a `--generate-completion-script [SHELL]` among the arguments asks for; nil
    /// when the option is absent (or names no shell ArgumentParser knows: it reports that).
    static func requestedShell(_ arguments: [String]) -> CompletionShell? {
        let option = "--generate-completion-script"
        guard let index = arguments.firstIndex(where: { $0 == option || $0.hasPrefix(option + "=") }) else { return nil }
        if arguments[index].hasPrefix(option + "=") {
            return CompletionShell(rawValue: String(arguments[index].dropFirst(option.count + 1)))
        }
        if index + 1 < arguments.count, !arguments[index + 1].hasPrefix("-") {
            return CompletionShell(rawValue: arguments[index + 1])
        }
        return CompletionShell.autodetected()
    }

    static func script(for shell: CompletionShell) -> String {
        let generated = CompletionTree.completionScript(for: shell)
        switch shell {
        case .bash: return renaming("\n_dashell() {\n", to: "\n__dashell_main() {\n", in: generated) + bash
        case .zsh: return renaming("\n_dashell() {\n", to: "\n__dashell_main() {\n", in: generated).replacingOccurrences(of: zshTrailer, with: zsh + zshTrailer)
        case .fish: return renaming("\nfunction __dashell_tokens\n", to: "\nfunction __dashell_commandline_tokens\n", in: generated) + fish
        default: return generated
        }
    }

    /// Renames a function of the generated script, which must define it exactly once.
    private static func renaming(_ definition: String, to newDefinition: String, in script: String) -> String {
        let parts = script.components(separatedBy: definition)
        precondition(parts.count == 2, "ArgumentParser's script no longer defines \(definition.debugDescription) once")
        return parts.joined(separator: newDefinition)
    }

    private static let subcommands = CommandLineOrder.subcommands.sorted()
    private static let optionsWithValue = CommandLineOrder.optionsWithValue.sorted()
    /// The names offered where a subcommand may stand; `run` is the default, never typed.
    private static let offered: [(name: String, abstract: String)] = [
        ("check", Check.configuration.abstract),
        ("export", Export.configuration.abstract),
        ("help", "Show subcommand help information."),
        ("store", StoreCommand.configuration.abstract),
    ]

    private static let bash = """

        # dashell reads global options on either side of a subcommand and runs script files when no
        # subcommand is named; __dashell_main above expects the subcommand first. Complete the
        # words as dashell parses them: the named subcommand first, else `run`.
        _dashell() {
            local -a before=("${COMP_WORDS[@]:1:COMP_CWORD-1}")
            local -i index=0
            while ((index < ${#before[@]})); do
                case "${before[index]}" in
                \(subcommands.joined(separator: "|")))
                    local -a COMP_WORDS=("${COMP_WORDS[0]}" "${before[index]}" "${before[@]::index}" "${before[@]:index+1}" "${COMP_WORDS[@]:COMP_CWORD}")
                    __dashell_main "${1}" "${2}" "${COMP_WORDS[COMP_CWORD-1]}"
                    return
                    ;;
                \(optionsWithValue.joined(separator: "|"))) ((index += 2)); continue ;;
                --) ;;
                -?*) ((index += 1)); continue ;;
                esac
                break
            done
            if ((index == ${#before[@]})) && [[ "${2}" != -* ]]; then
                COMPREPLY+=($(compgen -W '\(offered.map(\.name).joined(separator: " "))' -- "${2}"))
            fi
            local -a COMP_WORDS=("${COMP_WORDS[0]}" run "${COMP_WORDS[@]:1}")
            local -i COMP_CWORD=$((COMP_CWORD + 1))
            __dashell_main "${@}"
        }

        """

    /// How ArgumentParser's zsh script ends: it defines the completion function when sourced
    /// and runs it when autoloaded; the front goes just before.
    private static let zshTrailer = "if [[ \"${funcstack[1]}\" = _dashell ]]; then\n"

    private static let zsh = """
        # dashell reads global options on either side of a subcommand and runs script files when no
        # subcommand is named; __dashell_main above expects the subcommand first. Complete the
        # words as dashell parses them: the named subcommand first, else `run`.
        _dashell() {
            local -a before=("${(@)words[2,CURRENT-1]}")
            local -i index=1
            while ((index <= ${#before})); do
                case "${before[index]}" in
                (\(subcommands.joined(separator: "|")))
                    words=("${words[1]}" "${before[index]}" "${(@)before[1,index-1]}" "${(@)before[index+1,-1]}" "${(@)words[CURRENT,-1]}")
                    __dashell_main
                    return
                    ;;
                (\(optionsWithValue.joined(separator: "|"))) ((index += 2)); continue ;;
                (--) ;;
                (-?*) ((index += 1)); continue ;;
                esac
                break
            done
            local -i ret=1
            if ((index == ${#before} + 1)) && [[ "${PREFIX}" != -* ]]; then
                local -ar subcommands=(
        \(offered.map { "            '\($0.name):\($0.abstract.replacingOccurrences(of: "'", with: "'\\''"))'" }.joined(separator: "\n"))
                )
                _describe -V subcommand subcommands && ret=0
            fi
            words=("${words[1]}" run "${(@)words[2,-1]}")
            ((CURRENT += 1))
            __dashell_main && ret=0
            return "${ret}"
        }


        """

    private static let fish = """

        # dashell reads global options on either side of a subcommand and runs script files when no
        # subcommand is named; the functions above expect the subcommand first. Hand them the
        # tokens as dashell parses them: the named subcommand first, else `run`.

        # Prints the index of the subcommand named among the tokens, 0 if none is named yet, -1 if
        # none can be any more (a script file or -- came first).
        function __dashell_subcommand_index
            set -l index 2
            while test $index -le (count $argv)
                switch $argv[$index]
                case \(subcommands.joined(separator: " "))
                    echo $index
                    return
                case \(optionsWithValue.joined(separator: " "))
                    set index (math $index + 2)
                case '--'
                    echo -1
                    return
                case '-?*'
                    set index (math $index + 1)
                case '*'
                    echo -1
                    return
                end
            end
            echo 0
        end

        function __dashell_tokens
            set -l tokens (__dashell_commandline_tokens $argv)
            if test "$argv" = -pc
                set -l index (__dashell_subcommand_index $tokens)
                if test $index -gt 0
                    set -l subcommand $tokens[$index]
                    set -e tokens[$index]
                    set tokens $tokens[1] $subcommand $tokens[2..]
                else
                    set tokens $tokens[1] run $tokens[2..]
                end
            end
            printf '%s\\n' $tokens
        end

        function __dashell_may_name_subcommand
            test (__dashell_subcommand_index (__dashell_commandline_tokens -pc)) -eq 0
        end

        \(offered.map { "complete -c 'dashell' -n '__dashell_may_name_subcommand' -fa '\($0.name)' -d '\($0.abstract.replacingOccurrences(of: "'", with: "\\'"))'" }.joined(separator: "\n"))

        """
}

/// The command tree as completion scripts see it: `run` visible, since the fronts in
/// `CompletionScripts` complete the default form as `dashell run …`.
struct CompletionTree: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashell",
        abstract: Dashell.configuration.abstract,
        version: Dashell.version,
        subcommands: [VisibleRun.self, Check.self, Export.self, StoreCommand.self]
    )

    struct VisibleRun: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "run", abstract: Run.configuration.abstract)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var inline: InlineCommands
        @Argument(help: ArgumentHelp("Script files to run, in order.", valueName: "file.dash"), completion: .file(extensions: ["dash"]))
        var files: [String] = []
    }
}
