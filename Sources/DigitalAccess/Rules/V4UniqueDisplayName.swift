import ConfigModel

/// V4: no two authentication methods share a display name, since end users pick a method
/// by it. The method list is small, so it is read whole; with a change, only methods the
/// change touches are reported, each naming the methods it collides with.
public struct V4UniqueDisplayName: ValidationRule {
    public let id = "V4"

    private static let leaf = "display-name"

    public init() {}

    public func check(_ context: ValidationContext) throws -> [Violation] {
        guard context.touchesEntries(of: Places.methods) else { return [] }
        var holders: [String: [RecordView]] = [:]
        try context.forEachEntry(of: Places.methods) { method in
            if let name = method.record[Self.leaf] { holders[name, default: []].append(method) }
        }
        var found: [Violation] = []
        for (name, methods) in holders where methods.count > 1 {
            for method in methods where context.isInScope(method.key) {
                let others = methods.filter { $0.key != method.key }.map { $0.leafPath(Self.leaf).description }
                found.append(
                    Violation(
                        id, .error, method.leafPath(Self.leaf),
                        "\(Quoting.word(name)) is also the display name of \(others.joined(separator: ", "))"))
            }
        }
        return found
    }
}
