import ConfigModel

extension Session {
    /// Asks a yes/no question at the keyboard (`y`, `yes`, `n`, `no`, any case); nil when
    /// there is no keyboard to ask (a script), false when the user abandons.
    func confirms(_ prompt: String, defaultAnswer: Bool) -> Bool? {
        guard let ask = io.asker else { return nil }
        let question = Question(
            prompt: prompt, help: "yes or no", choices: ["yes", "no"], defaultAnswer: defaultAnswer ? "yes" : "no"
        ) { answer in
            switch answer.lowercased() {
            case "y", "yes": return "yes"
            case "n", "no": return "no"
            default: throw CommandError("answer yes or no")
            }
        }
        return ask(question) == "yes"
    }
}
