import ConfigModel

/// A `--json` document, built in order so that keys print in a stable, documented order.
indirect enum JSONOut {
    case object([(String, JSONOut)])
    case array([JSONOut])
    case string(String)
    case number(Int)
    case bool(Bool)
    case null
    /// Text that is already JSON, e.g. a configuration from `JSONRenderer`.
    case raw(String)

    var serialized: String {
        switch self {
        case .object(let members):
            "{" + members.map { JSONText.quoted($0.0) + ":" + $0.1.serialized }.joined(separator: ",") + "}"
        case .array(let items): "[" + items.map(\.serialized).joined(separator: ",") + "]"
        case .string(let text): JSONText.quoted(text)
        case .number(let number): String(number)
        case .bool(let flag): flag ? "true" : "false"
        case .null: "null"
        case .raw(let text): text
        }
    }

    static func optional(_ text: String?) -> JSONOut { text.map(JSONOut.string) ?? .null }
}
