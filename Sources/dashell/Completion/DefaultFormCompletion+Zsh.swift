extension DefaultFormCompletion {
    /// Registered in place of the library's `_dashell`, which it calls.
    ///
    /// Autoloaded, the file is itself the completion function of the first TAB, and the
    /// library's ending runs its own function then: the front adds, that once, what it adds.
    var zsh: String {
        let generated = "_\(command)"
        let front = "__\(command)_default_form_complete"
        let defaultForm = "__\(command)_default_form"
        return """
            # dashell without a subcommand runs script files, which the function above, ArgumentParser's,
            # does not complete. This adds, where no subcommand is named, script files wherever one may
            # stand and, once one is given, the options and their values, from that function handed the
            # line without the script files (with them, it offers nothing there).
            \(front)() {
                \(generated) "${@}"
                local -i ret=$?
                \(defaultForm) && ret=0
                return "${ret}"
            }

            # What the default form adds to the function above; fails where a subcommand is named.
            \(defaultForm)() {
                local -a line=("${words[1]}")
                local -i index scripts=0
                for ((index = 2; index < CURRENT; index++)); do
                    case "${words[index]}" in
                    (\(optionsWithValue.joined(separator: "|")))
                        line+=("${words[index]}")
                        ((index + 1 < CURRENT)) && line+=("${words[++index]}")
                        ;;
                    (--) ((++scripts)) ;;
                    (-*) line+=("${words[index]}") ;;
                    (\(subcommands.joined(separator: "|")))
                        ((scripts)) || return 1
                        ((++scripts))
                        ;;
                    (*) ((++scripts)) ;;
                    esac
                done
                local -i takes_value=0
                case "${line[-1]}" in
                (\(optionsWithValue.joined(separator: "|"))) takes_value=1 ;;
                esac
                if ((scripts)) && { ((takes_value)) || [[ "${PREFIX}" == -* ]] }; then
                    words=("${line[@]}" "${(@)words[CURRENT,-1]}")
                    CURRENT="$((${#line} + 1))"
                    \(generated)
                    return
                fi
                ((takes_value)) || [[ "${PREFIX}" == -* ]] || _files -g '\(extensions.map { "*." + $0 }.joined(separator: " "))'
            }

            compdef \(front) \(command)
            # Autoloaded, this file is the first TAB's completion function, answered above already.
            if [[ "${funcstack[1]}" = \(generated) ]]; then
                \(defaultForm)
            fi
            """
    }
}
