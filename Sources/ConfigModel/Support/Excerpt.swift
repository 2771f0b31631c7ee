extension String {
    /// How many characters of typed input a message echoes.
    public static let excerptLength = 60

    /// This text as an error message echoes it: whole when short, else its first characters
    /// and `…`, so that a message stays one readable line whatever was typed (a keyword of
    /// 100,000 quote pairs, a pasted file). Counts no further than it needs.
    public var excerpt: String {
        guard dropFirst(Self.excerptLength).first != nil else { return self }
        return String(prefix(Self.excerptLength - 1)) + "…"
    }
}
