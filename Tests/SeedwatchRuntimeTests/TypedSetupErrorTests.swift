import Foundation
import SeedwatchCore
import SeedwatchRuntime
import Testing

/// The set-up errors of outputs and of the knowledge data are typed (file, key, problem) and keep
/// their words (issue 16, Build 5).
@Suite("Typed set-up errors")
struct TypedSetupErrorTests {
    @Test func anUnreadableSecretFileNamesTheOutputKeyAndFile() throws {
        let webhook = OutputConfiguration(name: "hook", kind: .webhook(.init(url: "https://hooks.example.org/seedwatch",
                                                                          secretFile: "/nonexistent/seedwatch/hook.secret")))
        let expected = OutputSinks.SetupError(output: "hook", key: "secret_file", file: "/nonexistent/seedwatch/hook.secret",
                                              problem: .unreadable(missing: true))
        #expect(throws: expected) { _ = try OutputSinks.make(webhook) }
        #expect(expected.description == "outputs: hook: secret_file /nonexistent/seedwatch/hook.secret: cannot read (no such file)")
    }

    @Test func credentialsThatAreNotUserPasswordOrNotUTF8() {
        #expect(throws: OutputSinks.SetupError(output: "desk", key: "credentials_file", file: "smtp.cred", problem: .notUserPassword)) {
            _ = try EmailCredentials.parse(Array("user\npassword\n".utf8), file: "smtp.cred", output: "desk")
        }
        #expect(throws: OutputSinks.SetupError(output: "desk", key: "credentials_file", file: "smtp.cred", problem: .notUTF8)) {
            _ = try EmailCredentials.parse([0x75, 0xFF, 0x3A, 0x70], file: "smtp.cred", output: "desk")
        }
        #expect(OutputSinks.SetupError(output: "desk", key: "credentials_file", file: "smtp.cred", problem: .notUserPassword).description
            == "outputs: desk: credentials_file smtp.cred: expected one line user:password")
    }

    @Test func knowledgeDataThatIsNotTheGeneratedStatesFile() {
        let expected = KnowledgeError(file: "states.json", problem: .notStatesFile)
        #expect(throws: expected) {
            _ = try KnowledgeBase.load(statesJSON: Data("[]".utf8), statesFile: "states.json", supplementYAML: "", supplementFile: "s.yaml")
        }
        #expect(expected.description == "states.json: not the generated states file (a JSON object with \"states\")")
        let noNames = KnowledgeError(file: "states.json", problem: .stateWithoutNames(code: "KP"))
        #expect(throws: noNames) {
            _ = try KnowledgeBase.load(statesJSON: Data(#"{"states": {"KP": {}}}"#.utf8), statesFile: "states.json",
                                       supplementYAML: "", supplementFile: "s.yaml")
        }
        #expect(noNames.description == "states.json: state KP has no \"names\" by language")
    }
}
