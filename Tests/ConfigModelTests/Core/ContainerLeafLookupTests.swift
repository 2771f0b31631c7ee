import Testing

@testable import ConfigModel

/// A leaf inside a container of an entry is stored under `container leaf`; looking it up
/// by its two parts finds exactly what looking up the joined name finds.
struct ContainerLeafLookupTests {
    private let record = Record([
        "portwise-authentication notification": "email",
        "portwise-authentication": "a leaf named like the container",
        "portwise-authentication notification-x": "longer",
        "portwise notification": "shorter container",
        "notification": "outside the container",
        "é b": "non-ASCII",
    ])

    @Test func findsWhatTheJoinedNameFinds() {
        let lookups = [
            ("portwise-authentication", "notification"), ("portwise-authentication", "notification-x"), ("portwise", "notification"),
            ("portwise-authentication", "notificatio"), ("portwise-authenticatio", "n notification"), ("portwise-authentication", ""),
            ("é", "b"), ("e", "b"), ("x", "notification"),
        ]
        for (container, leaf) in lookups {
            #expect(record[container, leaf] == record[container + " " + leaf], "\(container) + \(leaf)")
        }
    }
}
