extension DefaultFormCompletion {
    /// The library's fish rules read the command line through `__dashell_tokens` and offer the
    /// subcommands' names where `__dashell_should_offer_completions_for_positional` holds for
    /// the root; the front wraps both (a copy, made by `functions -c`, keeps the library's) and
    /// adds a rule for script files.
    var fish: String {
        let prefix = "__\(command)"
        let patterns = extensions.map { "$folder*." + $0 }.joined(separator: " ")
        return """
            # dashell without a subcommand runs script files, which the rules above, ArgumentParser's,
            # do not complete. Where no subcommand is named, they are handed the line without the
            # script files (for the options and their values, and the subcommands' names until a
            # script file is given), and a rule completes script files wherever one may stand.
            functions -c \(prefix)_tokens \(prefix)_generated_tokens
            functions -c \(prefix)_should_offer_completions_for_positional \(prefix)_generated_should_offer_completions_for_positional

            # Sets the caller's `line` to the tokens before the cursor but the script files, and
            # `scripts` to their number (a `--` counts as one); fails where a subcommand is named.
            function \(prefix)_default_form -S
                set -l tokens (\(prefix)_generated_tokens -pc)
                set line $tokens[1]
                set scripts 0
                set -l index 2
                while test $index -le (count $tokens)
                    switch $tokens[$index]
                    case \(optionsWithValue.joined(separator: " "))
                        set -a line $tokens[$index]
                        set index (math $index + 1)
                        test $index -le (count $tokens); and set -a line $tokens[$index]
                    case --
                        set scripts (math $scripts + 1)
                    case '-*'
                        set -a line $tokens[$index]
                    case \(subcommands.joined(separator: " "))
                        test $scripts -gt 0; or return 1
                        set scripts (math $scripts + 1)
                    case '*'
                        set scripts (math $scripts + 1)
                    end
                    set index (math $index + 1)
                end
            end

            function \(prefix)_tokens
                set -l line
                set -l scripts
                if test "$argv" = -pc; and \(prefix)_default_form
                    printf '%s\\n' $line
                else
                    \(prefix)_generated_tokens $argv
                end
            end

            function \(prefix)_should_offer_completions_for_positional
                set -l line
                set -l scripts
                if test "$argv[1]" = \(command); and \(prefix)_default_form; and test $scripts -gt 0
                    return 1
                end
                \(prefix)_generated_should_offer_completions_for_positional $argv
            end

            function \(prefix)_default_form_takes_script
                set -l line
                set -l scripts
                \(prefix)_default_form; or return 1
                string match -q -- '-*' (commandline -ct); and return 1
                not contains -- $line[-1] \(optionsWithValue.joined(separator: " "))
            end

            # Script files and folders, for the token at the cursor.
            function \(prefix)_default_form_script_files
                set -l folder (string match -r -- '.*/' (commandline -ct))
                test -n "$folder"; or set folder ''
                for file in \(patterns)
                    printf '%s\\n' $file
                end
                __fish_complete_directories (commandline -ct) ''
            end

            complete -c '\(command)' -n '\(prefix)_default_form_takes_script' -fa '(\(prefix)_default_form_script_files)'
            """
    }
}
