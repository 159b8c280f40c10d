import Foundation

/// The general knowledge that models draw aliases from (`knowledge: KP` on an actor): every
/// ISO 3166-1 state's names in en/es/pt/fr/de/it/ru/ko/zh/ja, generated from CLDR and iso-codes
/// (`Knowledge/states.json`, by `scripts/knowledge/generate_states.py`), and a reviewed supplement
/// of demonyms, capitals, metonyms, organisations and people (`Knowledge/supplement.yaml`).
///
/// Both files ship as resources of SeedwatchCore (SwiftPM `resources:`) and are read from
/// `Bundle.module` at run time.
public struct KnowledgeBase: Sendable {
    /// Entries by key: ISO 3166-1 alpha-2 codes for states, snake_case ids for the rest.
    public private(set) var entries: [String: KnowledgeEntry]

    /// The entry with `key` (`KP`, `united_nations`, `vladimir_putin`), if any.
    public func entry(_ key: String) -> KnowledgeEntry? { entries[key] }

    /// The shipped knowledge, read once from the package resources.
    /// - Throws: ``KnowledgeError`` when a resource is missing or invalid (an installation fault).
    public static func shipped() throws -> KnowledgeBase {
        try shippedResult.get()
    }

    private static let shippedResult: Result<KnowledgeBase, KnowledgeError> = {
        guard let folder = Bundle.module.resourceURL?.appendingPathComponent("Knowledge") else {
            return .failure(KnowledgeError(file: "Knowledge", problem: .noResourceFolder))
        }
        let statesURL = folder.appendingPathComponent("states.json")
        let supplementURL = folder.appendingPathComponent("supplement.yaml")
        guard let states = FileManager.default.contents(atPath: statesURL.path) else {
            return .failure(KnowledgeError(file: statesURL.path, problem: .unreadable))
        }
        guard let supplement = FileManager.default.contents(atPath: supplementURL.path) else {
            return .failure(KnowledgeError(file: supplementURL.path, problem: .unreadable))
        }
        do {
            return .success(try load(statesJSON: states, statesFile: statesURL.path,
                                     supplementYAML: String(decoding: supplement, as: UTF8.self), supplementFile: supplementURL.path))
        } catch let error as KnowledgeError {
            return .failure(error)
        } catch {
            return .failure(KnowledgeError(file: supplementURL.path, problem: .invalidSupplement(detail: "\(error)")))
        }
    }()

    /// Builds the knowledge from the generated state names and the supplement.
    ///
    /// - Parameters:
    ///   - statesJSON: the bytes of `states.json` (`{"states": {"KP": {"names": {"en": [...]}}}}`).
    ///   - supplementYAML: the text of `supplement.yaml`.
    ///   - statesFile, supplementFile: paths for error messages.
    /// - Throws: ``KnowledgeError`` for invalid JSON, and `YAMLFileError` (file, line, key) for an
    ///   invalid supplement: unknown keys or languages, a supplement entry without `source`, a state
    ///   code that `states.json` does not hold.
    public static func load(statesJSON: Data, statesFile: String, supplementYAML: String, supplementFile: String) throws -> KnowledgeBase {
        // JSONSerialization: several times faster than JSONDecoder here, and this runs at every start.
        guard let root = try? JSONSerialization.jsonObject(with: statesJSON) as? [String: Any],
              let states = root["states"] as? [String: [String: Any]] else {
            throw KnowledgeError(file: statesFile, problem: .notStatesFile)
        }
        var entries: [String: KnowledgeEntry] = [:]
        for (code, state) in states {
            guard let names = state["names"] as? [String: [String]] else {
                throw KnowledgeError(file: statesFile, problem: .stateWithoutNames(code: code))
            }
            var forms: [KnowledgeEntry.Form] = []
            for language in LanguageSet.codes {
                for name in names[language] ?? [] {
                    forms.append(.init(text: name, language: language, caseSensitive: isAcronym(name), role: .name))
                    if language == "de", let genitive = Inflection.germanGenitive(name, kind: .state) {
                        forms.append(.init(text: genitive, language: language, caseSensitive: false, role: .genitive))
                    }
                }
            }
            let name = names["en"]?.first ?? code
            entries[code] = KnowledgeEntry(key: code, kind: .state, name: name, forms: forms)
        }
        try KnowledgeSupplementReader.read(supplementYAML, file: supplementFile, into: &entries)
        return KnowledgeBase(entries: entries)
    }

    /// Whether a name is an acronym matched with its case: 2 to 5 letters, all capitals, dots and
    /// spaces aside (ONU, OTAN, UNO, EE. UU., КНДР).
    public static func isAcronym(_ name: String) -> Bool {
        var letters = 0
        for scalar in name.unicodeScalars {
            switch scalar {
            case ".", " ", "-": continue
            default:
                guard scalar.properties.isUppercase, scalar.properties.isAlphabetic else { return false }
                letters += 1
                if letters > 5 { return false }
            }
        }
        return letters >= 2
    }
}

/// A knowledge resource that cannot be read: names the file and what is wrong.
public struct KnowledgeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The resource's path (`Knowledge` for the folder itself).
    public var file: String
    public var problem: Problem

    /// What is wrong with a knowledge resource; each is an installation fault.
    public enum Problem: Sendable, Equatable, CustomStringConvertible {
        /// The resource bundle of SeedwatchCore has no folder (the binary was copied without it).
        case noResourceFolder
        /// The file cannot be read.
        case unreadable
        /// `states.json` is not the generated file (a JSON object with `states`).
        case notStatesFile
        /// A state of `states.json` has no names by language.
        case stateWithoutNames(code: String)
        /// The supplement does not load; `detail` is its reader's error (file, line, key).
        case invalidSupplement(detail: String)

        public var description: String {
            switch self {
            case .noResourceFolder: return "the resource bundle of SeedwatchCore has no folder"
            case .unreadable: return "cannot read the file (is seedwatch installed with its resources?)"
            case .notStatesFile: return "not the generated states file (a JSON object with \"states\")"
            case .stateWithoutNames(let code): return "state \(code) has no \"names\" by language"
            case .invalidSupplement(let detail): return detail
            }
        }
    }

    public init(file: String, problem: Problem) {
        self.file = file
        self.problem = problem
    }

    /// What is wrong.
    public var message: String { problem.description }

    public var description: String { "\(file): \(message)" }
}
