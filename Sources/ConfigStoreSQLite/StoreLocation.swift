import ConfigStore
import Foundation

/// Where the store lives and how its file comes to exist: the file 0600 and its directories
/// 0700, since it holds secrets. Directories are created only where that cannot hide a
/// mistake: at the default location, and when asked to (`store init`). Elsewhere a missing
/// directory is far more likely a mistyped `--store` than a wish for a new, empty store
/// that a script would then publish into.
public enum StoreLocation {
    /// What opening a store that does not exist yet may create.
    public enum Creation: Sendable {
        /// The file only: its directory must exist.
        case file
        /// The file and the missing directories above it.
        case fileAndDirectories
    }

    /// `$XDG_DATA_HOME/dashell/store.sqlite`, or `~/.local/share/dashell/store.sqlite`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let dataHome =
            environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        return dataHome + "/dashell/store.sqlite"
    }

    /// What using the store at `path` may create without being asked: its directories too
    /// only at the default location.
    public static func implicitCreation(at path: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> Creation {
        path == defaultPath(environment: environment) ? .fileAndDirectories : .file
    }

    /// Creates the file (0600) if absent, and the missing parent directories (0700) if
    /// `creation` allows. Returns whether the file was created.
    static func prepare(_ path: String, creating creation: Creation) throws -> Bool {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            switch creation {
            case .file: try requireDirectory(directory, of: path)
            case .fileAndDirectories: try makeDirectories(directory)
            }
        }
        var status = stat()
        if stat(path, &status) == 0 {
            guard (status.st_mode & S_IFMT) == S_IFREG else { throw StoreError.notAFile(path: path) }
            return false
        }
        let descriptor = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw StoreError.cannotCreate(path: path, isDirectory: false, reason: String(cString: strerror(errno))) }
        fchmod(descriptor, 0o600)
        close(descriptor)
        return true
    }

    /// Whether others than the owner may read the file (worth a warning: it holds secrets).
    public static func isReadableByOthers(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & 0o077) != 0
    }

    private static func requireDirectory(_ directory: String, of path: String) throws {
        var status = stat()
        guard stat(directory, &status) == 0 else {
            guard errno == ENOENT || errno == ENOTDIR else {
                throw StoreError.unusable(path: directory, reason: String(cString: strerror(errno)))
            }
            throw StoreError.noSuchDirectory(directory: directory, store: path)
        }
        guard (status.st_mode & S_IFMT) == S_IFDIR else {
            throw StoreError.cannotCreate(path: path, isDirectory: false, reason: "\(directory) is not a directory")
        }
    }

    private static func makeDirectories(_ directory: String) throws {
        var status = stat()
        if stat(directory, &status) == 0 {
            guard (status.st_mode & S_IFMT) == S_IFDIR else {
                throw StoreError.cannotCreate(path: directory, isDirectory: true, reason: "a file of that name is in the way")
            }
            return
        }
        let parent = (directory as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != directory { try makeDirectories(parent) }
        guard mkdir(directory, 0o700) == 0 || errno == EEXIST else {
            throw StoreError.cannotCreate(path: directory, isDirectory: true, reason: String(cString: strerror(errno)))
        }
        chmod(directory, 0o700)
    }
}
