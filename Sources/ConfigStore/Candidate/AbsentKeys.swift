import ConfigModel

/// Stretches of record keys known to hold no published record, learnt from the point reads
/// that found nothing: such a read finds the next key there is, and every key between is
/// absent too. A bulk load reads a hundred thousand records that do not exist yet — new
/// users, with keys next to one another — and after the first miss in a stretch the others
/// cost no read at all.
///
/// What is known holds for the snapshot of the read that learnt it: the candidate keeps it
/// only while the read epoch it was learnt in lasts (see `Storage.pointRead`), so it never
/// contradicts what a later read of the store shows.
struct AbsentKeys {
    /// Disjoint and in key order: every key from `lower` up to, not including, `upper` (to
    /// the last key when nil) is absent.
    private var stretches: [(lower: RecordKey, upper: RecordKey?)] = []

    func contains(_ key: RecordKey) -> Bool {
        guard let index = lastStretch(startingAtOrBefore: key) else { return false }
        return stretches[index].upper.map { key < $0 } ?? true
    }

    /// Records that no key from `key` up to `next` (the next key there is; nil: none) is
    /// published. `key` must not be in a known stretch.
    mutating func insert(from key: RecordKey, upTo next: RecordKey?) {
        let position = lastStretch(startingAtOrBefore: key).map { $0 + 1 } ?? 0
        // Stretches that start inside the new one were learnt from the same gap, or from an
        // older read; the new one replaces them.
        var end = position
        while end < stretches.count, next.map({ stretches[end].lower < $0 }) ?? true { end += 1 }
        stretches.replaceSubrange(position..<end, with: [(key, next)])
    }

    /// Forgets everything: after a publish of this candidate's own, say.
    mutating func removeAll() {
        stretches.removeAll()
    }

    /// The index of the last stretch whose lower bound is at or before `key`.
    private func lastStretch(startingAtOrBefore key: RecordKey) -> Int? {
        var low = 0, high = stretches.count
        while low < high {
            let middle = (low + high) / 2
            if key < stretches[middle].lower { high = middle } else { low = middle + 1 }
        }
        return low == 0 ? nil : low - 1
    }
}
