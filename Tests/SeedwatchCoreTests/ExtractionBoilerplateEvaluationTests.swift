import Foundation
import Testing
@testable import SeedwatchCore

/// Boilerplate removal measured on trafilatura's evaluation pages (`tests/evaldata.subset.json`):
/// per page, strings that must appear in the extracted text (`with`) and strings that must not
/// (`without`, navigation, comments, teasers). The pass rate is over all those assertions.
@Suite("Boilerplate evaluation (trafilatura pages)")
struct ExtractionBoilerplateEvaluationTests {
    /// The rate reached when this test was last tuned, rounded down; it must not regress.
    static let minimumPassRate = 0.92

    struct Result {
        var passed = 0
        var total = 0
        var failures: [String] = []
        var rate: Double { total == 0 ? 0 : Double(passed) / Double(total) }
    }

    /// Whitespace runs to one space and soft hyphens removed, on both sides of the comparison
    /// (soft hyphens are invisible; the extractor drops them).
    static func collapse(_ s: String) -> String {
        s.replacingOccurrences(of: "\u{00AD}", with: "").split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    static func evaluate() throws -> Result {
        let base = ExtractionCorpus.sharedRoot.appendingPathComponent("corpus/html/trafilatura/tests")
        let data = try Data(contentsOf: base.appendingPathComponent("evaldata.subset.json"))
        let pages = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]])
        var result = Result()
        for url in pages.keys.sorted() {
            let page = pages[url]!
            let file = try #require(page["file"] as? String)
            // Debugging aid: EXTRACTION_EVAL_DUMP=<file> evaluates and prints that page only.
            if let only = ProcessInfo.processInfo.environment["EXTRACTION_EVAL_DUMP"], only != file { continue }
            let candidates = ["eval", "cache"].map { base.appendingPathComponent($0).appendingPathComponent(file) }
            let path = try #require(candidates.first { FileManager.default.fileExists(atPath: $0.path) })
            let bytes = [UInt8](try Data(contentsOf: path))
            let document = Document(bytes: bytes, origin: .file(path: Array(file.utf8)), nameHint: file)
            let extracted = (try? ArticleExtractor.extract(document).first?.extractedText) ?? ""
            if ProcessInfo.processInfo.environment["EXTRACTION_EVAL_DUMP"] == file { print(extracted) }
            let text = collapse(extracted)
            for expected in page["with"] as? [String] ?? [] {
                result.total += 1
                if text.contains(collapse(expected)) { result.passed += 1 } else { result.failures.append("\(file): missing \(expected)") }
            }
            for unwanted in page["without"] as? [String] ?? [] {
                result.total += 1
                if !text.contains(collapse(unwanted)) { result.passed += 1 } else { result.failures.append("\(file): has \(unwanted)") }
            }
        }
        return result
    }

    @Test(.enabled(if: ExtractionCorpus.isAvailable, "../shared is absent: corpus tests skipped"))
    func passRateDoesNotRegress() throws {
        let result = try Self.evaluate()
        print("trafilatura evaldata.subset: \(result.passed)/\(result.total) assertions pass (\(String(format: "%.1f", result.rate * 100))%)")
        if ProcessInfo.processInfo.environment["EXTRACTION_EVAL_VERBOSE"] != nil {
            for failure in result.failures { print("  " + failure) }
        }
        #expect(result.total == 407)
        #expect(result.rate >= Self.minimumPassRate)
    }
}
