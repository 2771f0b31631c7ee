/// How a process learns that a revision may have been published, by anyone, without asking
/// the store again and again: a file descriptor that becomes readable when one may have
/// been, to wait on with `poll` beside others (the keyboard), and `drain`, which consumes
/// what made it readable before the next wait.
///
/// A signal only wakes: what was published is read from the store, by revision number. It
/// may wake when nothing was published (another write to the store), and several publishes
/// may wake it once; it never stays silent after a publish that committed once it existed.
public protocol RevisionSignal: AnyObject {
    /// Readable when a revision may have been published since the last `drain`.
    var fileDescriptor: Int32 { get }

    /// Consumes what made `fileDescriptor` readable; returns whether any of it may mean a
    /// new revision. Throws when the signal cannot wake any more (its server was lost).
    func drain() throws -> Bool
}
