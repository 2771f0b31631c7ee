/// Small constructors that keep the schema declaration readable.
extension SchemaNode {
    public static func container(_ keyword: String, _ label: String, _ help: String, _ children: [SchemaNode]) -> SchemaNode {
        SchemaNode(keyword: keyword, label: label, help: help, kind: .container, children: children)
    }

    public static func list(
        _ keyword: String, _ label: String, key: String, _ keyType: ListKey, _ help: String,
        _ children: [SchemaNode], predefined: [PredefinedEntry] = []
    ) -> SchemaNode {
        SchemaNode(
            keyword: keyword, label: label, help: help, kind: .list(keyName: key, keyType: keyType), children: children, predefined: predefined)
    }

    public static func leaf(
        _ keyword: String, _ label: String, _ type: ValueType, _ help: String,
        default defaultValue: String? = nil, mandatory: Bool = false,
        fixedOncePublished: Bool = false, appliesWhen applicability: [Applicability] = [], marksCopies: Bool = false
    ) -> SchemaNode {
        SchemaNode(
            keyword: keyword, label: label, help: help,
            kind: .leaf(
                LeafSpec(
                    type: type, defaultValue: defaultValue, isMandatory: mandatory,
                    isFixedOncePublished: fixedOncePublished, applicability: applicability, marksCopies: marksCopies)))
    }
}
