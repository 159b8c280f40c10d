import Foundation

/// One line of a relevance labels file (`labels/dev.tsv`, DESIGN §11):
/// `PATH<TAB>LABEL<TAB>reason[<TAB>language[<TAB>source]]`.
///
/// `PATH` is relative to the corpus root; a path ending in `#N` names item N (0-based) of that
/// file: of its top-level JSON array (KCNA archives) or of a feed file's items. `language` is an
/// ISO 639-1 code (`en`, `de`); `source` says where the article comes from (`repository@commit:path`).
public struct RelevanceLabel: Sendable, Hashable {
    /// 2 = must alert, 1 = either way, 0 = must not alert (labels/RUBRIC.md).
    public enum Grade: Int, Sendable, Hashable { case irrelevant = 0, eitherWay = 1, mustAlert = 2 }

    /// The file, relative to the corpus root, without any `#N` suffix.
    public var file: String
    /// The item of a JSON array file, when the path ends in `#N`.
    public var item: Int?
    public var grade: Grade
    public var reason: String
    /// The article's language (ISO 639-1), when the labels file gives one (4th column).
    public var language: String?
    /// Where the article comes from (5th column), when given.
    public var source: String?

    /// The path as written in the labels file.
    public var path: String { item.map { "\(file)#\($0)" } ?? file }

    public init(file: String, item: Int?, grade: Grade, reason: String, language: String? = nil, source: String? = nil) {
        self.file = file
        self.item = item
        self.grade = grade
        self.reason = reason
        self.language = language
        self.source = source
    }

    /// Parses a labels file. Blank lines and lines starting with `#` are skipped; an empty language
    /// or source column is `nil`.
    /// - Throws: ``RelevanceLabelError`` naming the 1-based line of a malformed line.
    public static func parse(_ text: String) throws(RelevanceLabelError) -> [RelevanceLabel] {
        var labels: [RelevanceLabel] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.allSatisfy(\.isWhitespace) || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", maxSplits: 4, omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            guard fields.count >= 2, let g = Int(fields[1]), let grade = Grade(rawValue: g) else {
                throw RelevanceLabelError(line: n + 1, problem: .malformedLine)
            }
            func optional(_ i: Int) -> String? { fields.count > i && !fields[i].isEmpty ? fields[i] : nil }
            var file = String(fields[0])
            var item: Int?
            if let hash = file.lastIndex(of: "#"), let i = Int(file[file.index(after: hash)...]) {
                item = i
                file = String(file[..<hash])
            }
            labels.append(RelevanceLabel(file: file, item: item, grade: grade, reason: optional(2) ?? "",
                                         language: optional(3)?.lowercased(), source: optional(4)))
        }
        return labels
    }
}

/// A line of a labels file that cannot be used.
public struct RelevanceLabelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based line number.
    public var line: Int
    public var problem: Problem

    /// What is wrong with the line.
    public enum Problem: Sendable, Equatable, CustomStringConvertible {
        /// Not `PATH<TAB>0|1|2<TAB>reason[<TAB>language[<TAB>source]]`.
        case malformedLine
        /// `PATH#ITEM` names an item past the end of the file's `count` articles.
        case noSuchArticle(file: String, item: Int, count: Int)

        public var description: String {
            switch self {
            case .malformedLine: return "expected PATH<TAB>0|1|2<TAB>reason[<TAB>language[<TAB>source]]"
            case .noSuchArticle(let file, let item, let count): return "\(file) has no article \(item) (it holds \(count))"
            }
        }
    }

    public init(line: Int, problem: Problem) {
        self.line = line
        self.problem = problem
    }

    /// What is wrong.
    public var message: String { problem.description }
    public var description: String { "labels line \(line): \(message)" }
}
