import ArgumentParser
import Shell

extension ArgumentParser.ExitCode {
    /// A command's outcome, thrown from `run()` so that the process ends with it.
    init(_ code: Shell.ExitCode) {
        self.init(code.rawValue)
    }
}
