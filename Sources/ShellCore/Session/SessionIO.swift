import ConfigModel

/// How a session meets the outside world, injected by whoever runs it: where output goes,
/// and — at a keyboard only — a pager for long output, someone to answer a wizard's
/// questions, and a way to type a secret unseen. A script's is a console and nothing more.
public final class SessionIO {
    public let console: any Console
    /// `console.out` as a function, made once: a script's every command writes through it.
    let consoleOut: (String) -> Void
    /// Long output at a terminal; nil in scripts.
    public var pager: (any OutputPager)?
    /// Asks the questions of a wizard at the keyboard; nil in scripts.
    public var asker: Asker?
    /// Reads a line typed without echo after showing a prompt, for a secret; nil in
    /// scripts. It returns nil when the user gives up (Ctrl-C, Ctrl-D).
    public var secretReader: ((String) -> String?)?
    /// The wizard question being answered, which completion and `?` then serve.
    public var question: Question?

    public init(console: any Console) {
        self.console = console
        consoleOut = console.out
    }
}

/// Shows a command's output a screenful at a time once it is long.
public protocol OutputPager: AnyObject {
    func line(_ text: String)
    /// Ends the command's output.
    func finish()
    /// Whether the pager was quit before the output ended: what follows goes nowhere.
    var isClosed: Bool { get }
}
