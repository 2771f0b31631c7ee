/// The LIKE pattern (escape character `\`) of text containing `word` anywhere, its own
/// wildcards and backslashes escaped: what SQLite and PostgreSQL both filter a
/// `records(…possiblyContaining:)` read with.
public func likePattern(containing word: String) -> String {
    "%" + word.replacing("\\", with: "\\\\").replacing("%", with: "\\%").replacing("_", with: "\\_") + "%"
}
