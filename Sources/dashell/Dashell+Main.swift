import ArgumentParser
import Foundation
import ShellCore

extension Dashell {
    /// ArgumentParser's `main`, but with the help flags last (`HelpFlags`) and ending through
    /// this type's `exit(withError:)`; and a completion script request answered with
    /// `CompletionScript`, whose reason is there.
    static func main() {
        let arguments = HelpFlags.movedLast(in: Array(CommandLine.arguments.dropFirst()))
        do {
            if let shell = CompletionScript.requestedShell(in: arguments) {
                throw CleanExit.message(CompletionScript(for: shell).text)
            }
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            exit(withError: error)
        }
    }

    /// Ends the process as ArgumentParser does (help and messages on stdout with 0, errors
    /// on stderr, an `ExitCode` thrown by a command as it is), except for a usage error:
    /// the library's code for it is EX_USAGE (64), SPEC §2 wants 2.
    static func exit(withError error: Error?) -> Never {
        guard let error else { Foundation.exit(ArgumentParser.ExitCode.success.rawValue) }
        let code = exitCode(for: error)
        let message = fullMessage(for: error)
        if !message.isEmpty {
            if code.isSuccess {
                print(message)
            } else {
                FileHandle.standardError.write(Data((message + "\n").utf8))
            }
        }
        Foundation.exit(code == .validationFailure ? ShellCore.ExitCode.usage.rawValue : code.rawValue)
    }
}
