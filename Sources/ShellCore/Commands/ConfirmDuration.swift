/// The DURATION of `publish confirmed DURATION`: whole minutes as Junos takes them (`10`),
/// or a whole number with a unit, `s`, `m` or `h` (`90s`, `10m`, `1h`).
struct ConfirmDuration {
    let seconds: Double

    /// A week: long enough for any change window, short enough that no clock or database
    /// interval overflows.
    static let longest = 7 * 24 * 3600

    init(_ word: Word) throws(CommandError) {
        let text = word.text.lowercased()
        let units: [Character: Int] = ["s": 1, "m": 60, "h": 3600]
        let unit = text.last.flatMap { units[$0] }
        let digits = unit == nil ? Substring(text) : text.dropLast()
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber), let count = Int(digits), count > 0 else {
            throw CommandError(
                "bad duration '\(word.text.excerpt)': give minutes (10), or a whole number with s, m or h (90s, 10m, 1h)", at: word)
        }
        let seconds = count.multipliedReportingOverflow(by: unit ?? 60)
        guard !seconds.overflow, seconds.partialValue <= Self.longest else {
            throw CommandError("bad duration '\(word.text.excerpt)': at most 7 days (168h)", at: word)
        }
        self.seconds = Double(seconds.partialValue)
    }
}
