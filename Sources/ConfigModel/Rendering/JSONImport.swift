import Foundation

/// Reads a configuration from a JSON document of the form `JSONRenderer` writes, for `load`.
/// Every keyword must be the schema's (exactly, as exported), every key a valid list key and
/// every value valid for its type; numbers and booleans may be JSON scalars or strings.
/// The first problem stops the import and names the JSON location at fault.
public struct JSONImport: Sendable {
    public let schema: SchemaNode

    public init(schema: SchemaNode) {
        self.schema = schema
    }

    /// What a document holds.
    public struct Result: Sendable {
        public var config: ConfigTree
        /// Secrets whose value is the mask `********`: the document does not carry them,
        /// so they are not in `config`, and `load` keeps the existing ones and warns.
        public var maskedSecrets: [ConfigPath]
    }

    public func read(_ data: Data) throws(JSONImportError) -> Result {
        let document: JSONValue
        do {
            document = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw JSONImportError(pointer: "", "not a valid JSON document: \(Self.reason(error))")
        }
        var reader = DocumentReader(config: ConfigTree(schema: schema))
        var unused = Record()
        try reader.readMembers(of: schema, document, at: .root, pointer: "", into: &unused, prefix: nil)
        return Result(config: reader.config, maskedSecrets: reader.maskedSecrets)
    }

    private static func reason(_ error: any Error) -> String {
        guard case DecodingError.dataCorrupted(let context) = error else { return "\(error)" }
        let underlying = (context.underlyingError as? NSError)?.userInfo[NSDebugDescriptionErrorKey] as? String
        return underlying ?? context.debugDescription
    }
}

/// A document that does not describe a configuration. `pointer` is the JSON Pointer
/// (RFC 6901) of the value at fault, e.g. `/manage-system/authentication-methods/method/m1/type`;
/// empty for the document as a whole.
public struct JSONImportError: Error, Equatable, CustomStringConvertible {
    public let pointer: String
    public let message: String

    public init(pointer: String, _ message: String) {
        self.pointer = pointer
        self.message = message
    }

    public var description: String { pointer.isEmpty ? message : "\(pointer): \(message)" }
}

/// Walks the decoded document along the schema, filling a tree.
private struct DocumentReader {
    var config: ConfigTree
    var maskedSecrets: [ConfigPath] = []

    /// Reads the members of `value`, an object for `node` at `path`. Inside a list entry,
    /// leaves go into the entry's `record` under `prefix`; outside (`prefix` nil) each
    /// container holds its own record.
    mutating func readMembers(
        of node: SchemaNode, _ value: JSONValue, at path: ConfigPath, pointer: String,
        into record: inout Record, prefix: String?
    ) throws(JSONImportError) {
        let members = try Self.object(value, at: pointer)
        for name in members.keys.sorted() {
            let member = members[name]!, memberPointer = pointer + "/" + Self.escaped(name)
            guard let child = node.child(name) else {
                let hint = NearestNames.hint(for: name, among: node.children.map(\.keyword))
                throw JSONImportError(pointer: memberPointer, "unknown keyword '\(name.excerpt)'; \(hint)")
            }
            let leafName = prefix.map { $0.isEmpty ? name : $0 + " " + name } ?? name
            switch child.kind {
            case .leaf(let spec):
                if let text = try leafValue(member, spec, at: path.appending(name), pointer: memberPointer) {
                    record[leafName] = text
                }
            case .container where prefix != nil:
                try readMembers(of: child, member, at: path.appending(name), pointer: memberPointer, into: &record, prefix: leafName)
            case .container:
                var own = Record()
                try readMembers(of: child, member, at: path.appending(name), pointer: memberPointer, into: &own, prefix: nil)
                if !own.isEmpty { config.records[RecordKey(path.appending(name))] = own }
            case .list:
                let entries = try Self.object(member, at: memberPointer)
                for key in entries.keys.sorted() {
                    let entryPointer = memberPointer + "/" + Self.escaped(key)
                    do { _ = try (child.keyType ?? .name).validate(key) } catch {
                        throw JSONImportError(pointer: entryPointer, "invalid \(child.keyName ?? "key"): \(error)")
                    }
                    let entryPath = path.appending(name, key: key)
                    var entry = Record()
                    try readMembers(of: child, entries[key]!, at: entryPath, pointer: entryPointer, into: &entry, prefix: "")
                    config.records[RecordKey(entryPath)] = entry
                }
            }
        }
    }

    /// The canonical value of a leaf, or nil for a masked secret (recorded in `maskedSecrets`).
    private mutating func leafValue(_ value: JSONValue, _ spec: LeafSpec, at path: ConfigPath, pointer: String) throws(JSONImportError) -> String? {
        let text: String
        switch value {
        case .string(let string): text = string
        case .number(let number) where spec.type.isNumeric: text = number
        case .boolean(let flag) where spec.type == .boolean: text = flag ? "true" : "false"
        default:
            let expected = spec.type.isNumeric ? "a number" : spec.type == .boolean ? "true or false" : "a string"
            throw JSONImportError(pointer: pointer, "expected \(expected) (\(spec.type.name)), found \(value.typeName)")
        }
        if spec.type.isSecret && text == SecretMask.text {
            maskedSecrets.append(path)
            return nil
        }
        do { return try spec.type.parse(text) } catch {
            throw JSONImportError(pointer: pointer, error.description)
        }
    }

    private static func object(_ value: JSONValue, at pointer: String) throws(JSONImportError) -> [String: JSONValue] {
        guard case .object(let members) = value else {
            throw JSONImportError(pointer: pointer, "expected an object, found \(value.typeName)")
        }
        return members
    }

    /// A member name as a JSON Pointer token: `~` and `/` escaped.
    private static func escaped(_ name: String) -> String {
        guard name.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return name }
        var token = ""
        for character in name.unicodeScalars {
            switch character {
            case "~": token += "~0"
            case "/": token += "~1"
            default: token.unicodeScalars.append(character)
            }
        }
        return token
    }
}
