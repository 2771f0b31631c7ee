import ConfigStore
import Foundation

/// Where the store lives and how its file comes to exist: missing directories 0700, the
/// file 0600, since it holds secrets.
public enum StoreLocation {
    /// `$XDG_DATA_HOME/dashell/store.sqlite`, or `~/.local/share/dashell/store.sqlite`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        return dataHome + "/dashell/store.sqlite"
    }

    /// Creates the missing parent directories (0700) and the file (0600) if absent.
    /// Returns whether the file was created.
    @discardableResult
    static func prepare(_ path: String) throws -> Bool {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try makeDirectories(directory) }
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
