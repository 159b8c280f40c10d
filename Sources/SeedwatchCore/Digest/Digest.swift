import Foundation

/// The alerts of a period for `seedwatch digest` (issue 14, item 2): counts, the top stories, the
/// alerts grouped by topic, and a timeline of alerts per day and per core actor.
///
/// Until stories exist, a story is one alert, so the top stories are the highest-scoring alerts
/// (level `alert` before `notice`).
public struct Digest: Sendable, Hashable {
    /// One alert as the digest shows it.
    public struct Item: Sendable, Hashable {
        public var id: String
        public var title: String
        public var level: AlertLevel?
        public var score: Double
        /// The source's link (`url`, else the feed, else the path).
        public var link: String?
        public var published: Date?
        /// The best evidence sentence (the first of the line).
        public var evidence: String?
    }

    /// The alerts whose strongest topic is `name`, best first.
    public struct TopicGroup: Sendable, Hashable {
        public var name: String
        public var items: [Item]
    }

    /// Alerts per UTC day naming each core actor.
    public struct Timeline: Sendable, Hashable {
        /// `YYYY-MM-DD`, oldest first, every day of the period.
        public var days: [String]
        /// Per core actor (its name), the count per day, in `days` order.
        public var series: [(name: String, counts: [Int])]

        public static func == (a: Timeline, b: Timeline) -> Bool {
            a.days == b.days && a.series.map(\.name) == b.series.map(\.name) && a.series.map(\.counts) == b.series.map(\.counts)
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(days)
            for s in series { hasher.combine(s.name); hasher.combine(s.counts) }
        }
    }

    public var since: Date
    public var until: Date
    public var alerts: Int
    public var notices: Int
    public var topStories: [Item]
    public var topics: [TopicGroup]
    public var timeline: Timeline

    /// The name of the group of alerts that have no topic.
    public static let noTopic = "Other"

    /// Builds the digest of the entries decided in `since..<until`.
    /// - Parameters:
    ///   - coreActors: the actors of the timeline (id and name), e.g. the model's core states.
    ///   - top: how many top stories.
    public static func build(_ entries: [AlertLogEntry], since: Date, until: Date,
                             coreActors: [(id: String, name: String)], top: Int = 5) -> Digest {
        let inPeriod = entries.filter { $0.time >= since && $0.time < until && $0.level != nil }
        let ranked = inPeriod.sorted { a, b in
            if a.level != b.level { return (a.level ?? .notice) > (b.level ?? .notice) }
            if a.score != b.score { return a.score > b.score }
            return a.time < b.time
        }
        let items = ranked.map(item)
        var groups: [String: [Item]] = [:]
        var order: [String] = []
        for (entry, item) in zip(ranked, items) {
            let name = entry.topics.first?.name ?? noTopic
            if groups[name] == nil { order.append(name) }
            groups[name, default: []].append(item)
        }
        let topics = order.map { TopicGroup(name: $0, items: groups[$0] ?? []) }
            .sorted { $0.items.count != $1.items.count ? $0.items.count > $1.items.count : $0.name < $1.name }
        var days: [String] = []
        var day = Calendar.utc.startOfDay(for: since)
        while day < until {
            days.append(String(AlertTimestamp.format(day).prefix(10)))
            day = day.addingTimeInterval(86_400)
        }
        let series = coreActors.map { actor in
            (name: actor.name, counts: days.map { d in
                inPeriod.filter { String(AlertTimestamp.format($0.time).prefix(10)) == d && $0.actors.contains { $0.id == actor.id } }.count
            })
        }
        return Digest(since: since, until: until, alerts: inPeriod.filter { $0.level == .alert }.count,
                      notices: inPeriod.filter { $0.level == .notice }.count, topStories: Array(items.prefix(top)),
                      topics: topics, timeline: Timeline(days: days, series: series))
    }

    static func item(_ entry: AlertLogEntry) -> Item {
        Item(id: entry.id, title: entry.title, level: entry.level, score: entry.score,
             link: entry.source.url ?? entry.source.feed ?? entry.source.path, published: entry.published,
             evidence: entry.evidence.first)
    }
}
