@testable import ConfigModel

/// Small configurations and helpers shared by the rendering tests.
enum RenderingFixtures {
    static func path(_ words: String...) -> ConfigPath {
        ConfigPath(schemaWords: words)
    }

    static let methods = path("manage-system", "authentication-methods", "method")
    static let users = path("manage-accounts-and-storage", "user-accounts", "user")

    static func method(_ name: String) -> ConfigPath { methods.parent.appending("method", key: name) }
    static func user(_ id: String) -> ConfigPath { users.parent.appending("user", key: id) }

    /// A little of everything: a container record, a bare entry, a secret, a method with an
    /// extended property, a method that exists only through its property, users whose ids
    /// sort differently by code point than alphabetically.
    static func sample() throws -> ConfigTree {
        var tree = ConfigTree()
        try tree.setLeaf(path("manage-system", "distribution-services", "global-settings", "external-dns-name"), to: "da.example.com")
        try tree.createEntries(along: path("manage-system", "distribution-services", "service", "ds1"))
        try tree.setLeaf(path("manage-system", "authentication-services", "service", "radius1", "host"), to: "radius.example.com")
        try tree.setLeaf(path("manage-system", "notification-channels", "email", "password"), to: "s3cr#t pw")
        try tree.setLeaf(path("manage-system", "notification-channels", "email", "enabled"), to: "true")
        try tree.setLeaf(method("m1").appending("type"), to: "personal-mobile")
        try tree.setLeaf(method("m1").appending("display-name"), to: "Smart ID Mobile")
        try tree.setLeaf(method("m1").appending("authentication-server"), to: "radius1")
        try tree.setLeaf(method("m1").appending("extended-property", key: "User Attribute").appending("value"), to: "uid")
        try tree.createEntries(along: method("m2").appending("extended-property", key: "Certificate Filter"))
        for id in ["é", "a;b", "B", "a"] {
            try tree.createEntries(along: user(id))
        }
        try tree.setLeaf(user("a").appending("display-name"), to: "Åsa Ödén")
        try tree.setLeaf(user("a").appending("portwise-authentication").appending("notification"), to: "email")
        try tree.setLeaf(user("B").appending("email"), to: "b@example.com")
        return tree
    }

    /// Values that the command language or JSON would misread unless quoted or escaped.
    static let awkwardValues = [
        "two words", "say \"hi\"", "#not a comment", "a#b", "x;y", "a|b", "what?", "it's",
        "$HOME and ${HOME}", "back\\slash\\", "line one\nline two", "tab\there", "  padded  ", "",
        "Åsa Ödén", "🙂👍🏽", "-dash", "/slash", "..", "*", "{braces}", "[x]", "~tilde", "semi;colon|pipe?#",
    ]

    /// Awkward user ids (one word each, as user ids are) and certificate authority names
    /// (which may hold blanks), each with an awkward value, and an awkward extended property
    /// name.
    static func awkward() throws -> ConfigTree {
        var tree = ConfigTree()
        let ids = ["two\"words", "é", "B", "a", "a;b", "x;y", "#hash", "q|", "quo\"te", "back\\slash", "dollar$", "/slash", "Åsa", "🙂", "ä'b"]
        for (index, id) in ids.enumerated() {
            try tree.setLeaf(user(id).appending("display-name"), to: awkwardValues[index % awkwardValues.count])
        }
        for (index, name) in ["two words", "a b", "ä b", "#hash tag", "  padded  "].enumerated() {
            try tree.setLeaf(path("manage-system", "certificates", "certificate-authority", name, "subject"), to: awkwardValues[index])
        }
        for (index, value) in awkwardValues.enumerated() {
            try tree.setLeaf(user("u\(index)").appending("display-name"), to: value)
        }
        try tree.setLeaf(method("m;1").appending("extended-property", key: "Certificate \"Filter\" #1").appending("value"), to: "line\n$x")
        try tree.setLeaf(path("manage-system", "notification-channels", "email", "password"), to: "p@ss \"w0rd\" $1 #;|?")
        return tree
    }

    /// Runs `set` lines the way the shell would: split into words, resolve the path, parse
    /// the value. Comment lines are skipped.
    static func runSetLines(_ lines: [String]) throws -> ConfigTree {
        var tree = ConfigTree()
        let resolver = PathResolver()
        for line in lines {
            let words = try CommandWords.split(line)
            guard let command = words.first else { continue }
            precondition(command == "set", "not a set line: \(line)")
            let resolution = try resolver.resolve(Array(words.dropFirst()), from: .root)
            let rest = words.dropFirst(1 + resolution.wordsUsed)
            if let spec = resolution.node.leafSpec {
                precondition(rest.count == 1, "expected one value in: \(line)")
                try tree.setLeaf(resolution.path, to: spec.type.parse(rest.first!))
            } else {
                precondition(rest.isEmpty, "words after the path in: \(line)")
                try tree.createEntries(along: resolution.path)
            }
        }
        return tree
    }

    static func lines(_ render: (_ emit: (String) throws -> Void) throws -> Void) rethrows -> [String] {
        var lines: [String] = []
        try render { lines.append($0) }
        return lines
    }
}

/// A reader that records how it is used, to check that renderers stream: each list is read
/// once, never from inside another read, and a scope reads only what it needs.
final class SpyReader: ConfigReader {
    let tree: ConfigTree
    private(set) var scans: [RecordKey] = []
    private(set) var lookups = 0
    private var isScanning = false

    init(_ tree: ConfigTree) { self.tree = tree }

    var schema: SchemaNode { tree.schema }

    func record(_ key: RecordKey) throws -> Record? {
        precondition(!isScanning, "reader re-entered during a scan")
        lookups += 1
        return tree.record(key)
    }

    func forEachRecord(under ancestor: RecordKey, _ body: (RecordKey, Record) throws -> Void) throws {
        precondition(!isScanning, "reader re-entered during a scan")
        scans.append(ancestor)
        isScanning = true
        defer { isScanning = false }
        try tree.forEachRecord(under: ancestor, body)
    }

    func referrers(of target: RecordKey) throws -> [Referrer] { try tree.referrers(of: target) }
}
