import ConfigModel

/// The guided dialogues Digital Access offers through `wizard`.
public enum DigitalAccessWizards {
    public static let all: [any Wizard] = [AuthenticationMethodWizard()]
}
