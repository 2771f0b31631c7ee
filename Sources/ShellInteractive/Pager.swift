import Foundation
import ShellCore

/// Long output on a terminal goes through `$PAGER` (default `less -FRX`): the first
/// screenful is held back, and only when a command prints more is the pager started.
final class Pager: OutputPager {
    private let command: String
    private let height: Int
    private let write: (String) -> Void
    private var held: [String] = []
    private var pipe: UnsafeMutablePointer<FILE>?
    /// The pager quit before the output ended (`q` in less): the rest is dropped.
    private(set) var isClosed = false

    /// Ignores SIGPIPE from now on: a pager that quits early must not end the shell.
    init(environment: [String: String], height: Int, write: @escaping (String) -> Void) {
        signal(SIGPIPE, SIG_IGN)
        command = environment["PAGER"].flatMap { $0.isEmpty ? nil : $0 } ?? "less -FRX"
        self.height = height
        self.write = write
    }

    func line(_ text: String) {
        if let pipe {
            if !isClosed, fputs(text + "\n", pipe) < 0 { isClosed = true }
            return
        }
        held.append(text)
        if held.count >= height - 1 { startPager() }
    }

    /// Ends the command's output: prints what was held, or waits for the pager to close.
    func finish() {
        if let pipe {
            pclose(pipe)
            self.pipe = nil
            isClosed = false
        } else {
            held.forEach(write)
        }
        held = []
    }

    private func startPager() {
        guard let opened = popen(command, "w") else {
            held.forEach(write)
            held = []
            return
        }
        pipe = opened
        for line in held { fputs(line + "\n", opened) }
        held = []
    }
}
