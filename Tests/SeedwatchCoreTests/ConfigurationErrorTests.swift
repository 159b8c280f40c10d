import Foundation
import SeedwatchCore
import Testing

/// Configuration errors are typed (``YAMLFileError/Problem``) and their words say what to write instead.
@Suite("Configuration errors name the place and what to do")
struct ConfigurationErrorTests {
    static let valid = "watches: [x]\ndrop_folder: {path: d}\nalerts: {log: a}\nstate: {path: s}\n"

    static func error(_ text: String) -> YAMLFileError? {
        do {
            _ = try ConfigurationReader.parse(text, file: "/etc/seedwatch/seedwatch.yaml")
            return nil
        } catch {
            return error as? YAMLFileError
        }
    }

    @Test func anUnknownKeyListsTheKnownOnes() throws {
        let error = try #require(Self.error("watches: [x]\ndrop_folder:\n  path: d\n  setle: 3s\nalerts: {log: a}\nstate: {path: s}\n"))
        #expect(error.file == "/etc/seedwatch/seedwatch.yaml")
        #expect(error.line == 4)
        #expect(error.key == "drop_folder.setle")
        #expect(error.problem == .unknownKey(known: ["ignore", "max_bytes", "path", "rescan", "settle"]))
        #expect(error.description == "/etc/seedwatch/seedwatch.yaml:4: drop_folder.setle: unknown key "
                    + "(known keys: ignore, max_bytes, path, rescan, settle)")
    }

    @Test func aMissingSectionIsNamed() throws {
        let error = try #require(Self.error("watches: [x]\ndrop_folder: {path: d}\nalerts: {log: a}\n"))
        #expect(error.problem == .missingKey("state"))
        #expect(error.message == "missing required key 'state'")
    }

    @Test func aBadDurationQuotesWhatWasWritten() throws {
        let error = try #require(Self.error("watches: [x]\ndrop_folder: {path: d, settle: soon}\nalerts: {log: a}\nstate: {path: s}\n"))
        #expect(error.line == 2)
        #expect(error.key == "drop_folder.settle")
        #expect(error.problem == .expectedDuration(got: "soon"))
        #expect(error.message == "expected a duration such as 90, 90s, 15m, 1h or 7d (at most 100 years), got 'soon'")
    }

    /// `max_bytes: 1e30GiB` made `check-config` trap (Double to Int overflow) and `rescan: 1e25`
    /// passed `check-config`, then made `run` trap at start-up (a crash loop under systemd).
    @Test func hugeSizesAndDurationsAreConfigurationErrors() throws {
        let size = try #require(Self.error("watches: [x]\ndrop_folder: {path: d, max_bytes: 1e30GiB}\nalerts: {log: a}\nstate: {path: s}\n"))
        #expect(size.line == 2)
        #expect(size.key == "drop_folder.max_bytes")
        #expect(size.problem == .expectedSize(got: "1e30GiB"))
        #expect(size.message == "expected a size such as 1048576, 512KiB or 64MiB (at most 8 PiB), got '1e30GiB'")
        let duration = try #require(Self.error("watches: [x]\ndrop_folder: {path: d, rescan: 1e25}\nalerts: {log: a}\nstate: {path: s}\n"))
        #expect(duration.key == "drop_folder.rescan")
        #expect(duration.problem == .expectedDuration(got: "1e25"))
        let interval = try #require(Self.error(Self.valid + "feeds:\n  - {url: \"https://news.example/rss\", interval: 9999999999d}\n"))
        #expect(interval.key == "feeds[0].interval")
        #expect(interval.problem == .expectedDuration(got: "9999999999d"))
        #expect(ByteCountParser.bytes("8PiB") == nil)  // no such unit
        #expect(ByteCountParser.bytes("8388608GiB") == 1 << 53)
        #expect(ByteCountParser.bytes("8388609GiB") == nil)
        #expect(ByteCountParser.bytes("99999999999999999") == nil)
        #expect(DurationParser.seconds("36525d") == 3_155_760_000)
        #expect(DurationParser.seconds("36526d") == nil)
    }

    @Test func aRuleOfTheReaderKeepsItsWords() throws {
        let error = try #require(Self.error(Self.valid + "feeds:\n  - {url: \"https://news.example/rss\", interval: 10s}\n"))
        #expect(error.key == "feeds[0].interval")
        #expect(error.problem == .invalid("interval must be at least 60s"))
    }

    @Test func notYAMLAndEmptyFiles() throws {
        let empty = try #require(Self.error(""))
        #expect(empty.problem == .empty)
        #expect(empty.description == "/etc/seedwatch/seedwatch.yaml:1: the file is empty")
        let broken = try #require(Self.error("watches: [x\n"))
        guard case .notYAML = broken.problem else {
            Issue.record("expected notYAML, got \(broken.problem)")
            return
        }
        #expect(broken.message.hasPrefix("not valid YAML: "))
    }

    @Test func anUnreadableConfigurationSaysWhereSeedwatchLooks() throws {
        let missing = "/nonexistent-\(UUID().uuidString)/seedwatch.yaml"
        #expect(throws: YAMLFileError(file: missing, line: nil, key: "",
                                      problem: .configurationUnreadable(absolutePath: missing, missing: true, defaultPath: false))) {
            try ConfigurationReader.load(path: missing)
        }
        let defaultPath = YAMLFileError.Problem.configurationUnreadable(absolutePath: "/srv/config/seedwatch.yaml", missing: true,
                                                                         defaultPath: true)
        #expect(defaultPath.description == "cannot read the configuration file (/srv/config/seedwatch.yaml: no such file); "
                    + "seedwatch looks for --config PATH, then $SEEDWATCH_CONFIG, then /etc/seedwatch/seedwatch.yaml, "
                    + "then ./config/seedwatch.yaml")
    }
}
