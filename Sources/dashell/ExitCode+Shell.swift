import ArgumentParser
import ShellCore

extension ArgumentParser.ExitCode {
    /// A command's outcome, thrown from `run()` so that the process ends with it.
    init(_ code: ShellCore.ExitCode) {
        self.init(code.rawValue)
    }
}
