/// A leaf's value as a JSON scalar, typed by the schema: numbers for ports and integers,
/// `true`/`false` for booleans, strings for the rest, the mask for a secret unless secrets
/// are wanted. The one rule for every JSON output of a configuration's values (the export,
/// `watch`), so that a value reads the same in each.
public enum JSONLeaf {
    /// `value` of a leaf of type `type` (nil: a leaf the schema does not know, as a string).
    public static func scalar(_ value: String, of type: ValueType?, includeSecrets: Bool = false) -> String {
        guard let type else { return JSONText.quoted(value) }
        if type.isSecret && !includeSecrets { return JSONText.quoted(SecretMask.text) }
        if type.isNumeric, Int(value) != nil { return value }
        if type == .boolean, value == "true" || value == "false" { return value }
        return JSONText.quoted(value)
    }
}
