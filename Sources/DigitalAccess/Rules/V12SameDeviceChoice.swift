import ConfigModel

/// V12: end users choose between authenticating on the same device and on another one by
/// picking a method; when every `personal-mobile` method takes the same side, the other
/// option is not offered. Legal, hence a warning, given only when the change touches a method
/// (or for the whole configuration), so that unrelated publishes do not repeat it.
public struct V12SameDeviceChoice: ValidationRule {
    public let id = "V12"

    public init() {}

    public func check(_ context: ValidationContext) throws -> [Violation] {
        guard context.touchesEntries(of: Places.methods) else { return [] }
        var sides: [Bool: [String]] = [:]
        try context.forEachEntry(of: Places.methods) { method in
            guard method.record["type"] == "personal-mobile", let name = method.path.steps.last?.key else { return }
            sides[method.effectiveValue("same-device") == "true", default: []].append(Quoting.word(name))
        }
        guard sides.count == 1, let (sameDevice, names) = sides.first else { return [] }
        let list = Places.path(Places.methods)
        let side = sameDevice ? "on the same device" : "on another device"
        let missing = sameDevice ? "false" : "true"
        let message =
            "every personal-mobile method (\(names.joined(separator: ", "))) authenticates \(side); "
            + "to offer both options, add a second method with same-device \(missing)"
        return [Violation(id, .warning, list, message)]
    }
}
