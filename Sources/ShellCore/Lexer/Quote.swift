/// The two kinds of quotes, so completion knows how to close or escape what it inserts.
public enum Quote: Hashable, Sendable {
    /// `'…'`: everything literal up to the next `'`.
    case single
    /// `"…"`: `\"`, `\\`, `\$`, `\n` escapes and `${NAME}` expansion.
    case double
}
