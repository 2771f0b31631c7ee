import ConfigModel
import Foundation

/// One `| …` stage after a command.
enum PipeStage {
    case match(NSRegularExpression)
    case except(NSRegularExpression)
    case count
    case display(DisplayFormat)
    case noMore

    static let names = ["match", "except", "count", "display", "no-more"]

    /// Help lines for `?` and `help`.
    static let summaries: [(name: String, summary: String)] = [
        ("match", "Keep lines matching a regular expression"),
        ("except", "Drop lines matching a regular expression"),
        ("count", "Count the lines instead of printing them"),
        ("display", "Show configuration as set, json or tree"),
        ("no-more", "Do not page the output"),
    ]

    /// Parses the words of one stage; the first names the pipe, by unique prefix.
    static func parse(_ words: [Word]) throws(CommandError) -> PipeStage {
        guard let first = words.first else { throw CommandError("empty pipe stage") }
        let name = try NameMatcher.match(first, among: names, what: "pipe", habits: Habits.pipes)
        let arguments = words.dropFirst()
        switch name {
        case "match", "except":
            guard let pattern = arguments.first else { throw CommandError("\(name) needs a regular expression", at: first) }
            let text = arguments.map(\.text).joined(separator: " ")
            let regex: NSRegularExpression
            do { regex = try NSRegularExpression(pattern: text) } catch {
                throw CommandError("invalid regular expression \(ConfigModelQuoting.word(text.excerpt))", at: pattern)
            }
            return name == "match" ? .match(regex) : .except(regex)
        case "count", "no-more":
            if let extra = arguments.first { throw CommandError("\(name) takes no argument", at: extra) }
            return name == "count" ? .count : .noMore
        default:
            guard arguments.count == 1, let word = arguments.first else {
                throw CommandError("display needs one of: set, json, tree", at: arguments.dropFirst().first ?? first)
            }
            let format = try NameMatcher.match(word, among: DisplayFormat.allCases.map(\.rawValue), what: "format")
            return .display(DisplayFormat(rawValue: format)!)
        }
    }
}
