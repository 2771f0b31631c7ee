/// V1: every value matches its type and is stored in canonical form, and every record and
/// leaf is one the schema knows. `set` already refuses bad values; this catches what reaches
/// a configuration by other routes (loads, older revisions, another schema version).
public struct V1ValueSyntax: ValidationRule {
    public let id = "V1"

    public init() {}

    public func check(_ context: ValidationContext) throws -> [Violation] {
        var found: [Violation] = []
        try context.forEachRecordInScope { key, record, view in
            guard let view else {
                found.append(Violation(id, .error, Self.undecodedPath(key), "is not in the schema"))
                return
            }
            if let entryKey = view.entryKey {
                do throws(ValueError) { _ = try (view.shape.keyType ?? .name).validate(entryKey) } catch {
                    found.append(Violation(id, .error, view.path, "invalid key: \(error)"))
                }
            }
            for leaf in record.leaves {
                if let problem = Self.problem(with: leaf.value, of: view.spec(leaf.name)) {
                    found.append(Violation(id, .error, view.leafPath(leaf.name), problem))
                }
            }
        }
        return found
    }

    /// Why `value` is not acceptable for a leaf with `spec` (nil: not in the schema), if it is not.
    private static func problem(with value: String, of spec: LeafSpec?) -> String? {
        guard let spec else { return "is not in the schema" }
        do throws(ValueError) {
            let canonical = try spec.type.parse(value)
            guard canonical != value else { return nil }
            return spec.type.isSecret ? "is not in canonical form" : "\(Quoting.word(value)) is not in canonical form \(Quoting.word(canonical))"
        } catch {
            // Secrets never appear in messages; the problem alone says what is wrong.
            return spec.type.isSecret ? "\(mask) \(error.problem)" : error.description
        }
    }

    /// How a secret shows in messages (SPEC §8).
    private static let mask = "********"

    /// A best-effort path for a key the schema cannot decode: its words, as keywords.
    private static func undecodedPath(_ key: RecordKey) -> ConfigPath {
        ConfigPath(key.encoded.split(separator: RecordKey.separator).map { ConfigPath.Step(String($0)) })
    }
}
