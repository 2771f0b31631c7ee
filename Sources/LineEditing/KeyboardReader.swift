import CLineEdit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads the characters libedit edits, as its own reading does (a byte at a time from the
/// terminal, decoded by the C character locale, invalid bytes dropped), but waiting on a
/// second descriptor too: libedit's own reading blocks in `read` on the terminal alone, so
/// nothing else could wake the editor between keys.
///
/// When the other descriptor is readable first, the character read is `refreshKey`, which
/// the editor binds to its function that redraws the prompt: only a key function may
/// make libedit redraw the whole line, prompt included, wherever its cursor is.
struct KeyboardReader {
    /// A character no terminal sends (a C1 control, which arrives from a UTF-8 terminal as
    /// two bytes that decode to it only if typed on purpose).
    static let refreshKey: wchar_t = 0x80

    /// The descriptor to watch besides the keyboard, while there is one.
    var watched: Int32?

    /// One character into `character`: 1, or 0 at the end of input, or -1 (errno set) when
    /// the read failed or a SIGINT arrived.
    func readCharacter(into character: UnsafeMutablePointer<wchar_t>) -> Int32 {
        var pending: [CChar] = []
        while true {
            var descriptors = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)]
            // Not in the middle of a character, whose next byte is on its way.
            if let watched, pending.isEmpty { descriptors.append(pollfd(fd: watched, events: Int16(POLLIN), revents: 0)) }
            guard poll(&descriptors, nfds_t(descriptors.count), -1) >= 0 else {
                // A window size change (libedit's handler has redrawn) is no reason to stop.
                if errno == EINTR, cle_interrupt_pending() == 0 { continue }
                return failed(character)
            }
            if descriptors.count > 1, descriptors[1].revents != 0 {
                character.pointee = Self.refreshKey
                return 1
            }
            guard descriptors[0].revents != 0 else { continue }
            var byte: CChar = 0
            let count = read(STDIN_FILENO, &byte, 1)
            if count < 0 {
                if errno == EINTR || errno == EAGAIN, cle_interrupt_pending() == 0 { continue }
                return failed(character)
            }
            if count == 0 {
                character.pointee = 0
                return 0
            }
            pending.append(byte)
            while !pending.isEmpty {
                var state = mbstate_t()
                let decoded = mbrtowc(character, pending, pending.count, &state)
                if decoded >= 0 { return 1 }
                // An incomplete character: read its next byte.
                if decoded == -2, pending.count < Int(MB_LEN_MAX) { break }
                // An invalid sequence: drop it, but its last byte may start a character.
                pending = pending.count > 1 ? [pending[pending.count - 1]] : []
            }
        }
    }

    private func failed(_ character: UnsafeMutablePointer<wchar_t>) -> Int32 {
        character.pointee = 0
        return -1
    }
}
