import Foundation

/// How common each word and word pair is in ordinary news: the background that ``TopicSelection``
/// scores a seed's words against (a word the seed repeats but ordinary news rarely uses is
/// distinctive).
///
/// The shipped table (`Data/background-df.tsv`, built by `scripts/build-background-df.py` from
/// 10,376 public news articles: BBC News 2004-05, the AG News test set, Giveme5W1H) lists, per
/// lower-cased word or two-word phrase (``SeedTerms``), the number of documents that hold it.
public struct BackgroundFrequency: Sendable {
    /// Number of documents in the background corpus.
    public let documents: Int
    private let counts: [String: Int]

    public init(documents: Int, counts: [String: Int]) {
        self.documents = documents
        self.counts = counts
    }

    /// Documents of the background that hold `term` (0 for a term not in the table).
    public func documentFrequency(_ term: String) -> Int { counts[term] ?? 0 }

    /// Inverse document frequency, `ln((documents + 1) / (df + 1))`: 0 for a word in every document,
    /// about 9.2 for one the background never uses.
    public func idf(_ term: String) -> Double {
        log(Double(documents + 1) / Double(documentFrequency(term) + 1))
    }

    /// Share of background documents holding `term` (0…1).
    public func share(_ term: String) -> Double {
        documents == 0 ? 0 : Double(documentFrequency(term)) / Double(documents)
    }

    /// Parses the table: a line `#documents<TAB>N`, then `term<TAB>df` lines.
    /// - Throws: ``WatchBuilderError/badResource(_:_:)`` naming the line that is not of that form.
    public static func parse(_ text: String, name: String = "background-df.tsv") throws -> BackgroundFrequency {
        var documents = 0
        var counts: [String: Int] = [:]
        counts.reserveCapacity(80_000)
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            lineNumber += 1
            guard let tab = line.firstIndex(of: "\t"), let n = Int(line[line.index(after: tab)...]) else {
                throw WatchBuilderError.badResource(name, "line \(lineNumber) is not TERM<TAB>COUNT")
            }
            let term = String(line[..<tab])
            if term == "#documents" { documents = n } else { counts[term] = n }
        }
        guard documents > 0 else { throw WatchBuilderError.badResource(name, "no #documents line") }
        return BackgroundFrequency(documents: documents, counts: counts)
    }

    /// The table shipped with seedwatch (a package resource).
    /// - Throws: ``WatchBuilderError/badResource(_:_:)`` when the resource is missing or malformed.
    public static func bundled() throws -> BackgroundFrequency {
        try parse(BundledData.text("background-df", "tsv"))
    }
}

/// Reads a text file shipped as a package resource of SeedwatchCore.
enum BundledData {
    static func text(_ name: String, _ ext: String) throws -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: ext),
              let data = try? Data(contentsOf: url) else {
            throw WatchBuilderError.badResource("\(name).\(ext)", "not found among seedwatch's installed resources")
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// Why a watch could not be built.
public enum WatchBuilderError: Error, Equatable, CustomStringConvertible {
    /// A shipped data file (named) is missing or malformed (what is wrong).
    case badResource(String, String)
    /// The seed has no text to build from.
    case emptySeed
    /// The seed names no state the knowledge data knows, so no rule can name a core state.
    case noState

    public var description: String {
        switch self {
        case .badResource(let name, let problem): "resource \(name): \(problem)"
        case .emptySeed: "the seed has no text"
        case .noState: "the seed names no state that seedwatch knows (states are what the scoring anchors on)"
        }
    }
}
