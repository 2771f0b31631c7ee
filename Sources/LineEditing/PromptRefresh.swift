/// Something besides the keyboard that may change the prompt while a line is being typed
/// (news from elsewhere that the prompt reports): the editor waits on `fileDescriptor` as
/// well as on the keyboard and, when it becomes readable, asks for the prompt again and
/// redraws it with the line typed so far.
public struct PromptRefresh {
    /// Becomes readable when the prompt may have to change.
    public let fileDescriptor: Int32
    /// Called when `fileDescriptor` is readable: consumes what made it so (or the editor
    /// would wake again at once) and returns the prompt to show now, the same text when
    /// nothing changed; nil stops watching for the rest of the line.
    public let prompt: () -> String?

    public init(fileDescriptor: Int32, prompt: @escaping () -> String?) {
        self.fileDescriptor = fileDescriptor
        self.prompt = prompt
    }
}
