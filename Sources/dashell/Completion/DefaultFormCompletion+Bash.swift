extension DefaultFormCompletion {
    /// Registered in place of the library's `_dashell`, which it calls.
    var bash: String {
        let generated = "_\(command)"
        let front = "__\(command)_default_form_complete"
        return """
            # dashell without a subcommand runs script files, which the function above, ArgumentParser's,
            # does not complete. Where no subcommand is named, this hands it the line without the
            # script files (for the options and their values, and the subcommands' names until a
            # script file is given) and completes script files wherever one may stand.
            \(front)() {
                local -a line=("${COMP_WORDS[0]}")
                local -i index scripts=0
                for ((index = 1; index < COMP_CWORD; index++)); do
                    case "${COMP_WORDS[index]}" in
                    \(optionsWithValue.joined(separator: "|")))
                        line+=("${COMP_WORDS[index]}")
                        ((index + 1 < COMP_CWORD)) && line+=("${COMP_WORDS[++index]}")
                        ;;
                    --) ((++scripts)) ;;
                    -*) line+=("${COMP_WORDS[index]}") ;;
                    \(subcommands.joined(separator: "|")))
                        if ((scripts == 0)); then
                            \(generated) "${@}"
                            return
                        fi
                        ((++scripts))
                        ;;
                    *) ((++scripts)) ;;
                    esac
                done
                local -a COMP_WORDS=("${line[@]}" "${COMP_WORDS[@]:COMP_CWORD}")
                local -i COMP_CWORD="${#line[@]}"
                local -r previous="${line[COMP_CWORD - 1]}"
                case "${previous}" in
                \(optionsWithValue.joined(separator: "|")))
                    \(generated) "${1}" "${2}" "${previous}"
                    return
                    ;;
                esac
                if ((scripts == 0)) || [[ "${2}" == -* ]]; then
                    \(generated) "${1}" "${2}" "${previous}"
                fi
                if [[ "${2}" != -* ]]; then
                    local file
                    while IFS='' read -r file; do
                        COMPREPLY+=("${file}")
                    done < <(shopt -s extglob; compgen -o plusdirs -f -X '!*.@(\(extensions.joined(separator: "|")))' -- "${2}")
                fi
            }

            complete -o filenames -F \(front) \(command)
            """
    }
}
