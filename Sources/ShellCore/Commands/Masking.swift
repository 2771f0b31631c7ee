import ConfigModel

/// Secrets never leave the shell in clear, except through `export --include-secrets`.
enum Masking {
    static func mask(_ value: String?, leaf: String, of record: RecordKey, schema: SchemaNode) -> String? {
        guard let value else { return nil }
        guard let recordPath = record.path(in: schema) else { return value }
        let path = ConfigPath(recordPath.steps + leaf.split(separator: " ").map { ConfigPath.Step(String($0)) })
        return schema.node(at: path)?.leafSpec?.type.isSecret == true ? SecretMask.text : value
    }
}
