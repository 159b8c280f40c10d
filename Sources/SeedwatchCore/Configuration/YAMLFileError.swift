import Foundation

/// A problem in a YAML file (configuration or model), located by file, line and key.
///
/// Every error names the file and the 1-based line, so that `check-config` and the daemon's log
/// point the user at the exact place to fix; ``problem`` says what is wrong and what is expected.
public struct YAMLFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path of the file, as given.
    public var file: String
    /// 1-based line of the offending node, or `nil` when the file could not be read at all.
    public var line: Int?
    /// The dotted key path (`drop_folder.settle`, `actors[3].aliases[0]`), or empty for the whole file.
    public var key: String
    /// What is wrong.
    public var problem: Problem

    public init(file: String, line: Int?, key: String, problem: Problem) {
        self.file = file
        self.line = line
        self.key = key
        self.problem = problem
    }

    /// An error whose problem is a rule of one reader, in words (``Problem/invalid(_:)``).
    public init(file: String, line: Int?, key: String, message: String) {
        self.init(file: file, line: line, key: key, problem: .invalid(message))
    }

    /// What is wrong and, where it helps, what is expected.
    public var message: String { problem.description }

    /// `FILE[:LINE][: KEY]: MESSAGE`.
    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        if !key.isEmpty { s += ": \(key)" }
        return s + ": " + message
    }

    /// The problems every YAML reader of seedwatch can meet, each with the words that tell the user
    /// what to write instead.
    public enum Problem: Sendable, Equatable, CustomStringConvertible {
        /// The configuration file cannot be read: `missing` when nothing is at `absolutePath`, else
        /// permission denied or not a regular file. `defaultPath` is true when the path was the
        /// last place seedwatch looks, so the message lists the search order.
        case configurationUnreadable(absolutePath: String, missing: Bool, defaultPath: Bool)
        /// The configuration file's bytes are not UTF-8.
        case configurationNotUTF8
        /// The file holds no YAML document.
        case empty
        /// The YAML parser refused the text (`detail`: its words).
        case notYAML(detail: String)
        /// A mapping of keys was expected here.
        case expectedMapping
        /// A key of a mapping is a list or a mapping.
        case keyNotAString
        /// The key is not one of `known` (sorted): a typo, or a key of another section.
        case unknownKey(known: [String])
        /// The key appears twice in one mapping.
        case duplicateKey
        /// The required key `name` is missing from this mapping.
        case missingKey(String)
        /// A list was expected here.
        case expectedList
        /// A single value was expected, not a list or a mapping.
        case expectedSingleValue
        /// The value is empty or blank.
        case emptyValue
        /// `true` or `false` was expected.
        case expectedBoolean
        /// A finite number was expected; `got` is what was written.
        case expectedNumber(got: String)
        /// A whole number was expected; `got` is what was written.
        case expectedWholeNumber(got: String)
        /// A duration was expected (``DurationParser``); `got` is what was written.
        case expectedDuration(got: String)
        /// A size in bytes was expected (``ByteCountParser``); `got` is what was written.
        case expectedSize(got: String)
        /// A listen address (`metrics.listen`) was expected; `got` is what was written.
        case expectedListenAddress(got: String)
        /// A listen address outside the loopback addresses (`metrics.listen`); `got` is what was written.
        case notLoopbackAddress(got: String)
        /// A problem of a model or of the knowledge supplement.
        case model(ModelProblem)
        /// A rule of one reader was broken; the text names the rule and what is expected.
        case invalid(String)

        public var description: String {
            switch self {
            case .configurationUnreadable(let path, let missing, let defaultPath):
                var s = "cannot read the configuration file (\(path): "
                    + (missing ? "no such file" : "permission denied or not a regular file") + ")"
                if defaultPath {
                    s += "; seedwatch looks for --config PATH, then $SEEDWATCH_CONFIG, then /etc/seedwatch/seedwatch.yaml, "
                        + "then ./config/seedwatch.yaml"
                }
                return s
            case .configurationNotUTF8: return "the configuration file is not valid UTF-8"
            case .empty: return "the file is empty"
            case .notYAML(let detail): return "not valid YAML: \(detail)"
            case .expectedMapping: return "expected a mapping of keys"
            case .keyNotAString: return "a key is not a string"
            case .unknownKey(let known): return "unknown key (known keys: \(known.joined(separator: ", ")))"
            case .duplicateKey: return "duplicate key"
            case .missingKey(let name): return "missing required key '\(name)'"
            case .expectedList: return "expected a list"
            case .expectedSingleValue: return "expected a single value, not a list or mapping"
            case .emptyValue: return "must not be empty"
            case .expectedBoolean: return "expected true or false"
            case .expectedNumber(let got): return "expected a number, got '\(got)'"
            case .expectedWholeNumber(let got): return "expected a whole number, got '\(got)'"
            case .expectedDuration(let got): return "expected a duration such as 90, 90s, 15m, 1h or 7d (at most 100 years), got '\(got)'"
            case .expectedSize(let got): return "expected a size such as 1048576, 512KiB or 64MiB (at most 8 PiB), got '\(got)'"
            case .expectedListenAddress(let got):
                return "expected a loopback address and port such as 127.0.0.1:9464, [::1]:9464 or 9464, got '\(got)'"
            case .notLoopbackAddress(let got):
                return "'\(got)' is not a loopback address: the metrics endpoint listens on 127.0.0.0/8 or ::1 only "
                    + "(scrape it through a local proxy, or use metrics.textfile)"
            case .model(let problem): return problem.description
            case .invalid(let message): return message
            }
        }
    }
}
