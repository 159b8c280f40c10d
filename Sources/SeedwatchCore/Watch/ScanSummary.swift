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
        add(Entry(score: evaluation.decision.score, level: evaluation.level, title: evaluation.record.title, path: path), watch: watch)
    }

    /// Counts one scored article for `watch`.
    mutating func add(_ entry: Entry, watch: String) {
        if !watches.contains(watch) { watches.append(watch) }
        entries[watch, default: []].append(entry)
    }

    /// Per watch: `articles N: alert A, notice B, below C`, then up to `top` articles as `score  level
    /// title  (path)`: every alert, then every notice, then the best scores below notice (those above
    /// 0), each group by score, ties in the order read — a backtest shows each article that would
    /// have been sent before the near misses, however the scores fall.
    public func report(top: Int) -> String {
        var lines: [String] = []
        for w in watches {
            let list = entries[w] ?? []
            let alerts = list.filter { $0.level == .alert }.count
            let notices = list.filter { $0.level == .notice }.count
            lines.append("watch \(w): \(list.count) articles: alert \(alerts), notice \(notices), below \(list.count - alerts - notices)")
            let best = list.enumerated().filter { $0.element.score > 0 }
                .sorted { a, b in
                    let ra = Self.rank(a.element.level), rb = Self.rank(b.element.level)
                    if ra != rb { return ra < rb }
                    return a.element.score != b.element.score ? a.element.score > b.element.score : a.offset < b.offset
                }
                .prefix(top).map(\.element)
            for e in best {
                let score = String(format: "%7.2f", e.score)
                let level = (e.level?.rawValue ?? "-").padding(toLength: 6, withPad: " ", startingAt: 0)
                lines.append("  \(score)  \(level)  \(e.title.isEmpty ? "(untitled)" : e.title)  (\(e.path))")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The order of the levels in the list: alert, notice, below.
    private static func rank(_ level: AlertLevel?) -> Int {
        switch level {
        case .alert: return 0
        case .notice: return 1
        case nil: return 2
        }
    }
}

import Foundation
