/// One record of the audit trail (SPEC §12) as a storage keeps it: the event, numbered,
/// timed, and chained to the record before by SHA-256.
///
/// The hash covers the record's canonical text, defined here once and mirrored by the
/// PostgreSQL store's `dashell.audit_text` (which computes the chain on the server): the
/// line `dashell audit 1`, then one line per field in this order —
/// `sequence time user login host source session-began action revision request outcome
/// detail digest previous` — each the field's name, a blank, and `-` when it is absent or
/// its length in UTF-8 bytes in decimal, `:` and its text; every line ends in a line feed.
/// Numbers are in decimal; times are microseconds since 1970, UTC. The lengths make the
/// text unambiguous whatever a field holds (blanks, line feeds). `hash` is SHA-256 of the
/// text's UTF-8 bytes in lowercase hexadecimal; `previous` is the hash of the record before
/// (absent for the first), so that changing, removing or reordering any record breaks the
/// chain from there on.
public struct AuditRecord: Equatable, Sendable {
    public let sequence: Int
    /// Microseconds since 1970, UTC.
    public let time: Int64
    public let user: String
    public let login: String?
    public let host: String
    public let source: String
    /// Microseconds since 1970, UTC.
    public let sessionBegan: Int64
    public let action: String
    public let revision: Int?
    public let request: Int?
    public let outcome: String
    public let detail: String?
    public let digest: String?
    public let previous: String?
    public let hash: String

    /// A record as stored, with the hash it was stored with (which `audit verify` checks).
    public init(
        sequence: Int, time: Int64, user: String, login: String?, host: String, source: String, sessionBegan: Int64, action: String,
        revision: Int?, request: Int?, outcome: String, detail: String?, digest: String?, previous: String?, hash: String
    ) {
        self.sequence = sequence
        self.time = time
        self.user = user
        self.login = login
        self.host = host
        self.source = source
        self.sessionBegan = sessionBegan
        self.action = action
        self.revision = revision
        self.request = request
        self.outcome = outcome
        self.detail = detail
        self.digest = digest
        self.previous = previous
        self.hash = hash
    }

    /// The record that appends `event` after the record `previous` (nil: the first), at
    /// `time`, with its hash computed.
    public init(appending event: AuditEvent, after previous: (sequence: Int, hash: String)?, time: Int64) {
        let unhashed = AuditRecord(
            sequence: (previous?.sequence ?? 0) + 1, time: time, user: event.user, login: event.session.login, host: event.session.host,
            source: event.source, sessionBegan: event.session.began, action: event.action.rawValue, revision: event.revision,
            request: event.request, outcome: event.outcome.rawValue, detail: event.detail, digest: event.digest, previous: previous?.hash,
            hash: "")
        self = unhashed.withHash(unhashed.computedHash)
    }

    private func withHash(_ hash: String) -> AuditRecord {
        AuditRecord(
            sequence: sequence, time: time, user: user, login: login, host: host, source: source, sessionBegan: sessionBegan, action: action,
            revision: revision, request: request, outcome: outcome, detail: detail, digest: digest, previous: previous, hash: hash)
    }

    /// The text the hash covers (see the type's description).
    public var canonicalText: String { String(decoding: canonicalBytes, as: UTF8.self) }

    /// The same, as the UTF-8 bytes that are hashed: written straight into one buffer, as
    /// `audit verify` makes 100,000 of them.
    var canonicalBytes: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(400 + (detail?.utf8.count ?? 0))
        bytes.append(contentsOf: "dashell audit 1\n".utf8)
        func field(_ name: StaticString, _ value: String?) {
            bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            bytes.append(UInt8(ascii: " "))
            if var value {
                value.withUTF8 { utf8 in
                    number(utf8.count)
                    bytes.append(UInt8(ascii: ":"))
                    bytes.append(contentsOf: utf8)
                }
            } else {
                bytes.append(UInt8(ascii: "-"))
            }
            bytes.append(UInt8(ascii: "\n"))
        }
        /// A number's decimal digits, as `String(n)` writes them.
        func number(_ value: Int) {
            var digits = String(value)
            digits.withUTF8 { bytes.append(contentsOf: $0) }
        }
        field("sequence", String(sequence))
        field("time", String(time))
        field("user", user)
        field("login", login)
        field("host", host)
        field("source", source)
        field("session-began", String(sessionBegan))
        field("action", action)
        field("revision", revision.map { String($0) })
        field("request", request.map { String($0) })
        field("outcome", outcome)
        field("detail", detail)
        field("digest", digest)
        field("previous", previous)
        return bytes
    }

    /// The hash the record's fields call for, whatever `hash` says.
    public var computedHash: String { SecureHash.sha256(canonicalBytes) }
}
