import ConfigStore
import Foundation

/// The revisions published in an SQLite store, learnt from the kernel (inotify): once a
/// publish has committed, the publisher sets the store file's times to now
/// (`announcePublish`), which the kernel reports to every watcher of the file's directory.
///
/// Not the writes themselves: the last write of a commit to the write-ahead log comes
/// before the commit is visible (SQLite then marks it in shared memory, which no watch
/// sees), so a watcher woken by it could read the old head and wait on, the publish missed.
/// The directory is watched rather than the file, so that a store file replaced (restored
/// from a backup) is still watched; `drain` tells the store's file from its neighbours.
final class StoreFileSignal: RevisionSignal {
    let fileDescriptor: Int32
    /// The store file's name in its directory.
    private let name: String

    init(path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        name = (path as NSString).lastPathComponent
        fileDescriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fileDescriptor >= 0 else { throw Self.failure(path) }
        let events = UInt32(IN_ATTRIB | IN_MOVED_TO | IN_CREATE)
        guard inotify_add_watch(fileDescriptor, directory.isEmpty ? "." : directory, events) >= 0 else {
            let error = Self.failure(path)
            close(fileDescriptor)
            throw error
        }
    }

    deinit {
        close(fileDescriptor)
    }

    /// Tells the watchers of the store at `path` that a revision was published there. The
    /// revision is committed already: a failure here delays watchers until the next
    /// publish, and is no reason to fail this one.
    static func announcePublish(at path: String) {
        _ = utimensat(AT_FDCWD, path, nil, 0)
    }

    private static func failure(_ path: String) -> StoreError {
        .unusable(path: path, reason: "cannot watch the file for publishes: \(String(cString: strerror(errno)))")
    }

    func drain() throws -> Bool {
        // Room for many events at once; each is a header and its name, padded with NULs.
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        var concernsStore = false
        while true {
            let count = read(fileDescriptor, &buffer, buffer.count)
            guard count > 0 else { return concernsStore }
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= count {
                let length = buffer.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: offset, as: inotify_event.self).len) }
                let start = offset + MemoryLayout<inotify_event>.size
                if String(decoding: buffer[start..<start + length].prefix { $0 != 0 }, as: UTF8.self) == name { concernsStore = true }
                offset = start + length
            }
        }
    }
}
