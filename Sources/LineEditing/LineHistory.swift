import CLineEdit
import Clibedit

/// Where entered lines are kept between sessions, and which ones.
public struct HistorySettings {
    /// The history file; its folder must exist. Written readable by the owner only.
    public var path: String
    /// The most lines kept, in memory and in the file.
    public var capacity: Int
    /// Turns an entered line into what is stored, e.g. with a secret masked;
    /// nil keeps the line out of the history.
    public var filter: (String) -> String?

    public init(path: String, capacity: Int = 1000, filter: @escaping (String) -> String? = { $0 }) {
        self.path = path
        self.capacity = capacity
        self.filter = filter
    }
}

/// libedit's history, loaded from and saved to the settings' file.
final class LineHistory {
    let handle: OpaquePointer
    private let settings: HistorySettings

    init?(_ settings: HistorySettings) {
        guard let handle = history_init() else { return nil }
        self.handle = handle
        self.settings = settings
        cle_history_set_size(handle, Int32(clamping: max(1, settings.capacity)))
        cle_history_set_unique(handle, 1)
        cle_history_load(handle, settings.path)
    }

    deinit {
        history_end(handle)
    }

    /// Stores the filtered line. The file is read again first, so that several
    /// sessions open at once append to one shared history instead of each
    /// overwriting it with its own.
    func record(_ line: String) {
        guard let stored = settings.filter(line), stored.contains(where: { !$0.isWhitespace }) else { return }
        cle_history_clear(handle)
        cle_history_load(handle, settings.path)
        cle_history_enter(handle, stored)
        cle_history_save(handle, settings.path)
    }
}
