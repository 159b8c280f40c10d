/// The backtest view of `seedwatch scan --summary`: per watch, how many articles reached each level,
/// and the best-scoring ones.
public struct ScanSummary: Sendable {
    /// One scored article.
    public struct Entry: Sendable, Hashable {
        public var score: Double
        public var level: AlertLevel?
        public var title: String
        public var path: String
    }

    public private(set) var watches: [String]
    public private(set) var entries: [String: [Entry]] = [:]

    public init(watches: [String]) { self.watches = watches }

    /// Counts one article's evaluation for `watch`; `path` is where it was read from.
    public mutating func add(_ evaluation: ArticleEvaluation, watch: String, path: String) {
        if !watches.contains(watch) { watches.append(watch) }
        entries[watch, default: []].append(Entry(score: evaluation.decision.score, level: evaluation.level,
                                                 title: evaluation.record.title, path: path))
    }

    /// Per watch: `articles N: alert A, notice B, below C`, then the `top` highest scores (ties in the
    /// order read) as `score  level  title  (path)`, only those with a score above 0.
    public func report(top: Int) -> String {
        var lines: [String] = []
        for w in watches {
            let list = entries[w] ?? []
            let alerts = list.filter { $0.level == .alert }.count
            let notices = list.filter { $0.level == .notice }.count
            lines.append("watch \(w): \(list.count) articles: alert \(alerts), notice \(notices), below \(list.count - alerts - notices)")
            let best = list.enumerated().filter { $0.element.score > 0 }
                .sorted { $0.element.score != $1.element.score ? $0.element.score > $1.element.score : $0.offset < $1.offset }
                .prefix(top).map(\.element)
            for e in best {
                let score = String(format: "%7.2f", e.score)
                let level = (e.level?.rawValue ?? "-").padding(toLength: 6, withPad: " ", startingAt: 0)
                lines.append("  \(score)  \(level)  \(e.title.isEmpty ? "(untitled)" : e.title)  (\(e.path))")
            }
        }
        return lines.joined(separator: "\n")
    }
}

import Foundation
