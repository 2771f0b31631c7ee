/// Why a store cannot be used. Every case maps to exit 5; the text says how to recover.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    /// Another process held the store longer than the busy timeout.
    case busy(path: String, seconds: Int)
    /// The file is corrupt, or not a database at all.
    case damaged(path: String, reason: String)
    /// A newer dashell wrote the store.
    case formatTooNew(path: String, version: Int, supported: Int)
    /// A database server's store of an older format, which its owner upgrades with
    /// `store init` (a file is upgraded when it is opened).
    case formatTooOld(location: String, version: Int, supported: Int)
    /// A database of something else.
    case notAStore(path: String)
    /// Something other than a regular file is at the store's location.
    case notAFile(path: String)
    /// The file system refuses: permissions, a full disk, an I/O error, a missing directory.
    case unusable(path: String, reason: String)
    /// The store cannot keep a write-ahead log (a network file system, say).
    case noWriteAheadLog(path: String)
    /// The store's file, or a directory on the way to it, could not be made.
    case cannotCreate(path: String, isDirectory: Bool, reason: String)
    /// The directory a store was asked for does not exist: more likely a mistyped location
    /// than a wish for a new, empty store.
    case noSuchDirectory(directory: String, store: String)
    /// A database server that holds no dashell store (yet): `store init` makes one.
    case noStore(location: String)
    /// The database server cannot be reached, or the connection to it was lost.
    case unreachable(location: String, reason: String)
    /// Any other failure of the database.
    case failed(path: String, reason: String)

    public var description: String {
        switch self {
        case .busy(let path, let seconds):
            "store \(path) stayed locked by another process for \(seconds) s; try again"
        case .damaged(let path, let reason):
            "store \(path) is damaged (\(reason)); move it aside and restore from a backup made with `dashell export --format set --include-secrets`"
        case .formatTooNew(let path, let version, let supported):
            "store \(path) has format version \(version), newer than this dashell understands (\(supported)); use a newer dashell"
        case .formatTooOld(let location, let version, let supported):
            "store \(location) has format version \(version), older than this dashell's (\(supported)); its owner upgrades it with `dashell --store \(Self.shellWord(location)) store init`"
        case .notAStore(let path):
            "\(path) is an SQLite database but not a dashell store"
        case .notAFile(let path):
            "store \(path) is not a regular file"
        case .unusable(let path, let reason):
            "store \(path) cannot be used: \(reason)"
        case .noWriteAheadLog(let path):
            "store \(path) cannot use a write-ahead log (on a network file system?)"
        case .cannotCreate(let path, let isDirectory, let reason):
            "cannot create store \(isDirectory ? "directory " : "")\(path): \(reason)"
        case .noSuchDirectory(let directory, let store):
            "no such directory \(directory); create it, or run `dashell --store \(Self.shellWord(store)) store init`"
        case .noStore(let location):
            "no dashell store in \(location); create one with `dashell --store \(Self.shellWord(location)) store init`"
        case .unreachable(let location, let reason):
            "cannot reach store \(location): \(reason)"
        case .failed(let path, let reason):
            "store \(path): \(reason)"
        }
    }

    /// `path` as one word of a POSIX shell command, so that a suggested command can be
    /// pasted as it is.
    private static func shellWord(_ path: String) -> String {
        let plain = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+,:@%=")
        if !path.isEmpty, path.allSatisfy(plain.contains) { return path }
        return "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
