function __dashell_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __dashell_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __dashell_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __dashell_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __dashell_parse_tokens -S
    set -l unparsed_tokens (__dashell_tokens -pc)
    switch $unparsed_tokens[1]
    case 'dashell'
        __dashell_parse_subcommand 0 'store=' 'user=' 'D=+' 'json' 'no-color' 'c=' 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'check'
            __dashell_parse_subcommand -r 1 'store=' 'user=' 'D=+' 'json' 'no-color' 'version' 'h/help'
        case 'export'
            __dashell_parse_subcommand 0 'store=' 'user=' 'D=+' 'json' 'no-color' 'format=' 'revision=' 'include-secrets' 'with-defaults' 'version' 'h/help'
        case 'watch'
            __dashell_parse_subcommand 0 'store=' 'user=' 'D=+' 'json' 'no-color' 'from=' 'version' 'h/help'
        case 'store'
            __dashell_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'init'
                __dashell_parse_subcommand 0 'store=' 'user=' 'D=+' 'json' 'no-color' 'version' 'h/help'
            end
        case 'audit'
            __dashell_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'verify'
                __dashell_parse_subcommand 0 'store=' 'user=' 'D=+' 'json' 'no-color' 'version' 'h/help'
            end
        case 'help'
            __dashell_parse_subcommand -r 1 'version'
        end
    end
end

function __dashell_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __dashell_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __dashell_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __dashell_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__dashell_tokens -p)
    if test -z "$(__dashell_tokens -t)"
        set -l index (count (__dashell_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'dashell' -f
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell" store' -l 'store' -d 'The store: an SQLite file, or a postgresql:// URI (default $DASHELL_STORE, else $XDG_DATA_HOME/dashell/store.sqlite).' -rF
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell" user' -l 'user' -d 'Identity recorded in history (default: the login name, or the PostgreSQL role).' -rfka ''
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell"' -s 'D' -d 'Define a script variable, used as ${NAME}.' -rfka ''
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell" json' -l 'json' -d 'Print each command\'s result or error as one JSON document.'
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell" no-color' -l 'no-color' -d 'Never colour output (also NO_COLOR).'
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell" c' -s 'c' -d 'Run these commands (separated by ; or newlines) as a script.' -rfka ''
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell" version' -l 'version' -d 'Show the version.'
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dashell' -n '__dashell_should_offer_completions_for_positional "dashell" -eq 1' -fa 'check' -d 'Dry-run scripts: execute, validate, print the diff that would be published; publish nothing.'
complete -c 'dashell' -n '__dashell_should_offer_completions_for_positional "dashell" -eq 1' -fa 'export' -d 'Print the published configuration, or a past revision.'
complete -c 'dashell' -n '__dashell_should_offer_completions_for_positional "dashell" -eq 1' -fa 'watch' -d 'Print each revision as it is published, one JSON document per line, until interrupted.'
complete -c 'dashell' -n '__dashell_should_offer_completions_for_positional "dashell" -eq 1' -fa 'store' -d 'Manage the store itself.'
complete -c 'dashell' -n '__dashell_should_offer_completions_for_positional "dashell" -eq 1' -fa 'audit' -d 'Check the audit trail.'
complete -c 'dashell' -n '__dashell_should_offer_completions_for_positional "dashell" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell check" store' -l 'store' -d 'The store: an SQLite file, or a postgresql:// URI (default $DASHELL_STORE, else $XDG_DATA_HOME/dashell/store.sqlite).' -rF
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell check" user' -l 'user' -d 'Identity recorded in history (default: the login name, or the PostgreSQL role).' -rfka ''
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell check"' -s 'D' -d 'Define a script variable, used as ${NAME}.' -rfka ''
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell check" json' -l 'json' -d 'Print each command\'s result or error as one JSON document.'
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell check" no-color' -l 'no-color' -d 'Never colour output (also NO_COLOR).'
complete -c 'dashell' -n '__dashell_should_offer_completions_for_positional "dashell check" -ge 1' -fa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'dash\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell check" version' -l 'version' -d 'Show the version.'
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell check" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell export" store' -l 'store' -d 'The store: an SQLite file, or a postgresql:// URI (default $DASHELL_STORE, else $XDG_DATA_HOME/dashell/store.sqlite).' -rF
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell export" user' -l 'user' -d 'Identity recorded in history (default: the login name, or the PostgreSQL role).' -rfka ''
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell export"' -s 'D' -d 'Define a script variable, used as ${NAME}.' -rfka ''
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell export" json' -l 'json' -d 'Print each command\'s result or error as one JSON document.'
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell export" no-color' -l 'no-color' -d 'Never colour output (also NO_COLOR).'
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell export" format' -l 'format' -d 'Output format.' -rfka 'set json tree'
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell export" revision' -l 'revision' -d 'Export this revision instead of the latest.' -rfka ''
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell export" include-secrets' -l 'include-secrets' -d 'Print secrets in clear (for backups that restore exactly).'
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell export" with-defaults' -l 'with-defaults' -d 'Include the defaults of unset leaves.'
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell export" version' -l 'version' -d 'Show the version.'
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell export" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell watch" store' -l 'store' -d 'The store: an SQLite file, or a postgresql:// URI (default $DASHELL_STORE, else $XDG_DATA_HOME/dashell/store.sqlite).' -rF
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell watch" user' -l 'user' -d 'Identity recorded in history (default: the login name, or the PostgreSQL role).' -rfka ''
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell watch"' -s 'D' -d 'Define a script variable, used as ${NAME}.' -rfka ''
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell watch" json' -l 'json' -d 'Print each command\'s result or error as one JSON document.'
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell watch" no-color' -l 'no-color' -d 'Never colour output (also NO_COLOR).'
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell watch" from' -l 'from' -d 'Start after this revision instead of the latest.' -rfka ''
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell watch" version' -l 'version' -d 'Show the version.'
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell watch" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell store" version' -l 'version' -d 'Show the version.'
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell store" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dashell' -n '__dashell_should_offer_completions_for_positional "dashell store" -eq 1' -fa 'init' -d 'Create the store: an SQLite file (0600) in its missing directories (0700), or the schema in a PostgreSQL database.'
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell store init" store' -l 'store' -d 'The store: an SQLite file, or a postgresql:// URI (default $DASHELL_STORE, else $XDG_DATA_HOME/dashell/store.sqlite).' -rF
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell store init" user' -l 'user' -d 'Identity recorded in history (default: the login name, or the PostgreSQL role).' -rfka ''
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell store init"' -s 'D' -d 'Define a script variable, used as ${NAME}.' -rfka ''
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell store init" json' -l 'json' -d 'Print each command\'s result or error as one JSON document.'
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell store init" no-color' -l 'no-color' -d 'Never colour output (also NO_COLOR).'
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell store init" version' -l 'version' -d 'Show the version.'
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell store init" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell audit" version' -l 'version' -d 'Show the version.'
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell audit" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dashell' -n '__dashell_should_offer_completions_for_positional "dashell audit" -eq 1' -fa 'verify' -d 'Check the audit trail\'s hash chain: exit 0 when every record matches, 5 naming the first that does not.'
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell audit verify" store' -l 'store' -d 'The store: an SQLite file, or a postgresql:// URI (default $DASHELL_STORE, else $XDG_DATA_HOME/dashell/store.sqlite).' -rF
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell audit verify" user' -l 'user' -d 'Identity recorded in history (default: the login name, or the PostgreSQL role).' -rfka ''
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell audit verify"' -s 'D' -d 'Define a script variable, used as ${NAME}.' -rfka ''
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell audit verify" json' -l 'json' -d 'Print each command\'s result or error as one JSON document.'
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell audit verify" no-color' -l 'no-color' -d 'Never colour output (also NO_COLOR).'
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell audit verify" version' -l 'version' -d 'Show the version.'
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell audit verify" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dashell' -n '__dashell_should_offer_completions_for_flags_or_options "dashell help" version' -l 'version' -d 'Show the version.'

# dashell without a subcommand runs script files, which the rules above, ArgumentParser's,
# do not complete. Where no subcommand is named, they are handed the line without the
# script files (for the options and their values, and the subcommands' names until a
# script file is given), and a rule completes script files wherever one may stand.
functions -c __dashell_tokens __dashell_generated_tokens
functions -c __dashell_should_offer_completions_for_positional __dashell_generated_should_offer_completions_for_positional

# Sets the caller's `line` to the tokens before the cursor but the script files, and
# `scripts` to their number (a `--` counts as one); fails where a subcommand is named.
function __dashell_default_form -S
    set -l tokens (__dashell_generated_tokens -pc)
    set line $tokens[1]
    set scripts 0
    set -l index 2
    while test $index -le (count $tokens)
        switch $tokens[$index]
        case --store --user -D -c
            set -a line $tokens[$index]
            set index (math $index + 1)
            test $index -le (count $tokens); and set -a line $tokens[$index]
        case --
            set scripts (math $scripts + 1)
        case '-*'
            set -a line $tokens[$index]
        case check export watch store audit help
            test $scripts -gt 0; or return 1
            set scripts (math $scripts + 1)
        case '*'
            set scripts (math $scripts + 1)
        end
        set index (math $index + 1)
    end
end

function __dashell_tokens
    set -l line
    set -l scripts
    if test "$argv" = -pc; and __dashell_default_form
        printf '%s\n' $line
    else
        __dashell_generated_tokens $argv
    end
end

function __dashell_should_offer_completions_for_positional
    set -l line
    set -l scripts
    if test "$argv[1]" = dashell; and __dashell_default_form; and test $scripts -gt 0
        return 1
    end
    __dashell_generated_should_offer_completions_for_positional $argv
end

function __dashell_default_form_takes_script
    set -l line
    set -l scripts
    __dashell_default_form; or return 1
    string match -q -- '-*' (commandline -ct); and return 1
    not contains -- $line[-1] --store --user -D -c
end

# Script files and folders, for the token at the cursor.
function __dashell_default_form_script_files
    set -l folder (string match -r -- '.*/' (commandline -ct))
    test -n "$folder"; or set folder ''
    for file in $folder*.dash
        printf '%s\n' $file
    end
    __fish_complete_directories (commandline -ct) ''
end

complete -c 'dashell' -n '__dashell_default_form_takes_script' -fa '(__dashell_default_form_script_files)'
