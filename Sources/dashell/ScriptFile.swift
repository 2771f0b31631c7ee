import ArgumentParser

/// A script file's name, as the shells complete it: `Run`'s and `Check`'s arguments, and the
/// default form's completion.
enum ScriptFile {
    static let extensions = ["dash"]

    static var completion: CompletionKind { .file(extensions: extensions) }
}
