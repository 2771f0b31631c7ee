import CLineEdit
import Clibedit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads lines from a terminal with editing, history, completion and `?` help,
/// over libedit. Use it only when `Terminal.isInteractive`.
///
/// Bindings start as libedit's emacs ones plus TAB, `?` and Ctrl-R, then
/// `~/.editrc` applies, so users can rebind anything. TAB and `?` call the
/// functions `complete-word` and `help-at-cursor`, which a `~/.editrc` that
/// switches to vi (`bind -v`) has to bind again.
public final class LineEditor {
    /// How a call to `readLine` ended.
    public enum Signal: Equatable, Sendable {
        /// A line was entered (without its newline).
        case line(String)
        /// Ctrl-C: the line being typed was discarded.
        case interrupt
        /// Ctrl-D on an empty line, or the terminal went away.
        case endOfInput
    }

    private let editLine: OpaquePointer
    private let completer: any Completer
    private let history: LineHistory?
    /// Owned C string for libedit's prompt callback, valid until the next `readLine`.
    private var prompt: UnsafeMutablePointer<CChar>
    /// Set by Ctrl-C: the line being returned is to be discarded.
    private var interrupted = false
    /// The line as a TAB left it, to recognise a second TAB in a row.
    private var lineAfterTab: LineState?
    /// What `readLine` starts the line with, inserted by `offerKey`.
    private var offeredText = ""
    /// A key sequence no terminal sends, bound to inserting `offeredText`. libedit empties
    /// the line when `el_gets` begins, so the text can only come as input; pushed as itself,
    /// its `?` and TAB would act as keys.
    private static let offerKey = "\u{1B}[9999~"
    /// What may change the prompt of the line being read, and how keys are read meanwhile.
    private var refresh: PromptRefresh?
    private var keyboard = KeyboardReader()

    /// Returns nil when libedit cannot start (no memory, unusable terminal description).
    ///
    /// - Parameters:
    ///   - programName: the name `~/.editrc` lines can be restricted to (`name:bind ...`).
    ///   - history: where entered lines persist; nil keeps no history.
    public init?(programName: String, completer: any Completer, history settings: HistorySettings? = nil) {
        Self.useCharacterLocale()
        guard let editLine = el_init(programName, cle_stdin(), cle_stdout(), cle_stderr()) else { return nil }
        self.editLine = editLine
        self.completer = completer
        self.prompt = strdup("")
        self.history = settings.flatMap(LineHistory.init)

        cle_set_client_data(editLine, Unmanaged.passUnretained(self).toOpaque())
        cle_set_prompt(editLine) { LineEditor.owner(of: $0).prompt }
        cle_set_read_function(editLine) { editLine, character in
            guard let character else { return -1 }
            return LineEditor.owner(of: editLine).keyboard.readCharacter(into: character)
        }
        cle_set_editor(editLine, "emacs")
        cle_set_signal_handling(editLine, 1)
        if let history { cle_set_history(editLine, history.handle) }
        cle_add_function(editLine, "complete-word", "Complete the word before the cursor") { editLine, _ in
            LineEditor.owner(of: editLine).completeWord()
        }
        cle_add_function(editLine, "help-at-cursor", "Show what may come next") { editLine, _ in
            LineEditor.owner(of: editLine).showHelp()
        }
        // Ctrl-C is read as a key while editing, not raised as SIGINT: a signal may land on
        // any thread of the program, and only the reading thread would end el_gets.
        cle_set_edit_mode_tty(editLine, "-isig")
        cle_add_function(editLine, "interrupt-line", "Discard the line") { editLine, _ in
            LineEditor.owner(of: editLine).interruptLine()
        }
        cle_bind(editLine, "^C", "interrupt-line")
        cle_add_function(editLine, "insert-offered-line", "Start the line with the text offered") { editLine, _ in
            LineEditor.owner(of: editLine).insertOfferedText()
        }
        cle_bind(editLine, Self.offerKey, "insert-offered-line")
        cle_bind(editLine, "^I", "complete-word")
        cle_bind(editLine, "?", "help-at-cursor")
        // libedit's emacs map has Ctrl-R redraw the line; shells search history with it.
        cle_bind(editLine, "^R", "em-inc-search-prev")
        el_source(editLine, nil)
        // After ~/.editrc, which may switch to vi and so reset the bindings: this key is the
        // reader's, never a user's (see `KeyboardReader`).
        cle_add_function(editLine, "refresh-prompt", "Redraw the prompt, which changed") { editLine, _ in
            LineEditor.owner(of: editLine).refreshPrompt()
        }
        let refreshKey = String(UnicodeScalar(UInt8(KeyboardReader.refreshKey)))
        cle_bind(editLine, refreshKey, "refresh-prompt")
        cle_bind_in_command_mode(editLine, refreshKey, "refresh-prompt")
    }

    deinit {
        el_end(editLine)
        free(prompt)
    }

    /// Shows the prompt and reads one line, which starts as `initialText` with the cursor at
    /// its end. An entered line goes to the history. Ctrl-C is caught only during this call;
    /// elsewhere SIGINT keeps whatever disposition the program gave it. `refresh`: what may
    /// change the prompt meanwhile.
    public func readLine(prompt text: String, startingWith initialText: String = "", refreshedBy refresh: PromptRefresh? = nil) -> Signal {
        setPrompt(text)
        lineAfterTab = nil
        if !initialText.isEmpty {
            offeredText = initialText
            el_push(editLine, Self.offerKey)
        }
        self.refresh = refresh
        keyboard.watched = refresh?.fileDescriptor
        defer {
            self.refresh = nil
            keyboard.watched = nil
        }

        var interrupts = cle_interrupt_guard()
        cle_catch_interrupts(&interrupts)
        defer { cle_restore_interrupts(&interrupts) }

        var count: Int32 = 0
        interrupted = false
        let read = el_gets(editLine, &count)
        if interrupted || count == -1 && cle_take_interrupt() != 0 {
            if !interrupted { write("\n") }
            return .interrupt
        }
        guard let read, count > 0 else {
            // libedit echoes Ctrl-D as `^D` and leaves the cursor after it.
            write("\n")
            return .endOfInput
        }
        var line = String(cString: read)
        if line.hasSuffix("\n") { line.removeLast() }
        history?.record(line)
        return .line(line)
    }

    private func setPrompt(_ text: String) {
        free(prompt)
        prompt = strdup(text)
    }

    // MARK: Key functions

    /// The key `KeyboardReader` reads when the prompt may have changed: asks for it and,
    /// when it did change, has libedit clear the line and draw it again, typed text kept.
    private func refreshPrompt() -> UInt8 {
        guard let refresh else { return UInt8(CC_NORM) }
        guard let text = refresh.prompt() else {
            self.refresh = nil
            keyboard.watched = nil
            return UInt8(CC_NORM)
        }
        if text == String(cString: prompt) { return UInt8(CC_NORM) }
        setPrompt(text)
        return UInt8(CC_REDISPLAY)
    }

    /// Ctrl-C: show `^C` after the line and end it, as shells do, for `readLine` to discard.
    ///
    /// Only libedit's own end of line moves the cursor below the line and tells libedit
    /// that the next prompt starts on a fresh line; ending the line any other way leaves
    /// the next prompt after the old text, with libedit unaware, so its later redraws land
    /// in the wrong place. So `^C` goes into the line at its end, and a newline key follows.
    private func interruptLine() -> UInt8 {
        interrupted = true
        let info = el_line(editLine).pointee
        // el_cursor counts characters as libedit decodes them: Unicode scalars.
        el_cursor(editLine, Int32(Self.text(from: info.cursor, to: info.lastchar).unicodeScalars.count))
        el_insertstr(editLine, "^C")
        el_push(editLine, "\n")
        return UInt8(CC_REFRESH)
    }

    private func insertOfferedText() -> UInt8 {
        el_insertstr(editLine, offeredText)
        offeredText = ""
        return UInt8(CC_REFRESH)
    }

    /// TAB: see `TabAction`.
    private func completeWord() -> UInt8 {
        let before = textBeforeCursor
        let completion = completer.complete(before)
        let action = TabAction(completion, textBeforeCursor: before, isRepeat: lineAfterTab == lineState)
        let result: Int32
        switch action {
        case .beep:
            result = CC_REFRESH_BEEP
        case .replace(let scalars, let text):
            if scalars > 0 { el_deletestr(editLine, Int32(scalars)) }
            el_insertstr(editLine, text)
            result = CC_REFRESH
        case .list(let candidates):
            printBelowLine(
                CandidateListing.lines(
                    candidates, unlisted: completion.unlisted, atLeast: completion.unlistedIsLowerBound, width: Terminal.width, height: Terminal.height))
            result = CC_REDISPLAY
        }
        lineAfterTab = lineState
        return UInt8(result)
    }

    /// `?`: a literal character inside quotes, otherwise help printed below the
    /// line, which is then drawn again as it was.
    private func showHelp() -> UInt8 {
        let before = textBeforeCursor
        if completer.isInsideQuote(before) {
            el_insertstr(editLine, "?")
            return UInt8(CC_REFRESH)
        }
        let lines = completer.help(before)
        guard !lines.isEmpty else { return UInt8(CC_REFRESH_BEEP) }
        printBelowLine(lines)
        return UInt8(CC_REDISPLAY)
    }

    // MARK: Line access

    private struct LineState: Equatable {
        var text: String
        var cursor: Int
    }

    private var lineState: LineState {
        let info = el_line(editLine).pointee
        return LineState(text: Self.text(from: info.buffer, to: info.lastchar), cursor: info.buffer.distance(to: info.cursor))
    }

    private var textBeforeCursor: String {
        let info = el_line(editLine).pointee
        return Self.text(from: info.buffer, to: info.cursor)
    }

    private static func text(from start: UnsafePointer<CChar>, to end: UnsafePointer<CChar>) -> String {
        let bytes = UnsafeRawBufferPointer(start: start, count: start.distance(to: end))
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: Output

    /// Prints lines under the edited line; the key function then returns
    /// CC_REDISPLAY so that libedit draws prompt and line again below them.
    private func printBelowLine(_ lines: [String]) {
        write("\n" + lines.map { $0 + "\n" }.joined())
    }

    /// Through the same stream libedit writes to, so the order is kept.
    private func write(_ text: String) {
        fputs(text, cle_stdout())
        fflush(cle_stdout())
    }

    // MARK: Setup

    /// The editor registered itself as libedit's client data in `init`;
    /// callbacks only ever come from that EditLine.
    private static func owner(of editLine: OpaquePointer?) -> LineEditor {
        guard let editLine, let data = cle_client_data(editLine) else {
            preconditionFailure("libedit callback without its LineEditor")
        }
        return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue()
    }

    /// libedit decodes input by the C character locale and drops bytes it cannot
    /// decode, so it needs a UTF-8 locale. Take the user's; when that is not
    /// UTF-8 (often just unset, in containers and over ssh), use C.UTF-8.
    private static func useCharacterLocale() {
        setlocale(LC_CTYPE, "")
        if String(cString: nl_langinfo(nl_item(CODESET))) != "UTF-8" {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
    }
}
