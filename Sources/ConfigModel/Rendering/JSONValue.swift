/// A JSON value as `JSONImport` needs it: objects with their members, scalars with their
/// JSON type kept (a number is not a string), and the text of a number as written, so that
/// the schema's own parser judges it.
enum JSONValue: Decodable {
    case object([String: JSONValue])
    case array
    case string(String)
    case number(String)
    case boolean(Bool)
    case null

    /// Tries the likeliest types first (strings, then objects), as every failed attempt
    /// costs a thrown error.
    init(from decoder: any Decoder) throws {
        let single = try decoder.singleValueContainer()
        if let text = try? single.decode(String.self) {
            self = .string(text)
        } else if let members = try? decoder.container(keyedBy: MemberName.self) {
            var object: [String: JSONValue] = [:]
            for name in members.allKeys { object[name.stringValue] = try members.decode(JSONValue.self, forKey: name) }
            self = .object(object)
        } else if let flag = try? single.decode(Bool.self) {
            self = .boolean(flag)
        } else if let integer = try? single.decode(Int.self) {
            self = .number(String(integer))
        } else if let real = try? single.decode(Double.self) {
            self = .number(String(real))
        } else if single.decodeNil() {
            self = .null
        } else {
            _ = try decoder.unkeyedContainer()
            self = .array
        }
    }

    private struct MemberName: CodingKey {
        let stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    /// The JSON type, for messages: "expected a string, found an array".
    var typeName: String {
        switch self {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .boolean: "a boolean"
        case .null: "null"
        }
    }
}
