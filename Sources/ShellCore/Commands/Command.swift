/// Every command of the language. Code that treats some commands specially (completion,
/// preparation ahead of a script, what `load` accepts) names them by case, so that the
/// compiler knows every place a command is named.
enum Command: String, CaseIterable, Sendable {
    case edit, cd, up, top, exit, quit, pwd, ls
    case set, delete, rename, copy
    case show, compare, status, validate, search
    case publish, discard, rollback, update
    case approve, reject
    case confirm
    case load, save, source
    case help, history
    case wizard
    case whoami

    /// The word that names it.
    var name: String { rawValue }
}
