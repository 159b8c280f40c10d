import Foundation

/// The alerts of a period for `seedwatch digest` (issue 14, item 2): counts, the top stories, the
/// alerts grouped by topic, and a timeline of alerts per day and per core actor. Each story names
/// its watch, so a digest of several watches says which watch each story is for.
///
/// Alerts are grouped by story with ``StoryGroup`` (as `seedwatch alerts` groups them): one entry
/// per story, at its first alert in the period, with "+N sources: …" and the members that add
/// something as updates. The top stories are the best-ranked stories (level `alert` before
/// `notice`, then score, over all their members).
public struct Digest: Sendable, Hashable {
    /// A later member of a story that adds an actor or a higher level.
    public struct Update: Sendable, Hashable {
        public var time: Date
        public var level: AlertLevel?
        public var title: String
        public var link: String?

        public init(time: Date, level: AlertLevel?, title: String, link: String?) {
            self.time = time
            self.level = level
            self.title = title
            self.link = link
        }
    }

    /// One story as the digest shows it: its first alert of the period, and what joined it.
    public struct Item: Sendable, Hashable {
        public var id: String
        /// The watch that decided the alert (a story belongs to one watch).
        public var watch: String
        public var title: String
        public var level: AlertLevel?
        public var score: Double
        /// The source's link (`url`, else the feed, else the path).
        public var link: String?
        public var published: Date?
        /// The best evidence sentence (the first of the line).
        public var evidence: String?
        /// "+N sources: host, …" (``StoryGroup/sourcesLine(limit:)``), `nil` for a story of one alert.
        public var sources: String?
        /// The members that add something (``StoryGroup/updates``), in log order.
        public var updates: [Update] = []
    }

    /// The stories whose first alert's strongest topic is `name`, best first.
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

    /// An actor of the timeline.
    public struct TimelineActor: Sendable, Hashable {
        public var id: String
        public var name: String

        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }

    /// The timeline's actors: the core states of the models (`rules.core_states`), each once, by name.
    public static func coreActors(of models: [WatchModel]) -> [TimelineActor] {
        var core: [TimelineActor] = []
        for model in models {
            for id in model.rules.coreStates where !core.contains(where: { $0.id == id }) {
                core.append(TimelineActor(id: id, name: model.actors.first { $0.id == id }?.name ?? id))
            }
        }
        return core
    }

    /// The name of the group of alerts that have no topic.
    public static let noTopic = "Other"

    /// Builds the digest of the entries decided in `since..<until`.
    /// - Parameters:
    ///   - entries: alert log entries in log order.
    ///   - coreActors: the actors of the timeline (id and name), e.g. the model's core states.
    ///   - top: how many top stories.
    public static func build(_ entries: [AlertLogEntry], since: Date, until: Date,
                             coreActors: [(id: String, name: String)], top: Int = 5) -> Digest {
        make(entries.filter { $0.time >= since && $0.time < until }, since: since, until: until, coreActors: coreActors, top: top)
    }

    /// Builds the digest of `entries` as chosen by the caller (the e-mail digest: the alerts queued
    /// for it), shown as the period `since..<until`.
    /// - Parameter entries: in log order; entries without a level are left out.
    public static func make(_ entries: [AlertLogEntry], since: Date, until: Date,
                            coreActors: [(id: String, name: String)], top: Int = 5) -> Digest {
        let inPeriod = entries.filter { $0.level != nil }
        func rank(_ group: StoryGroup) -> (level: AlertLevel, score: Double) {
            let all = [group.first] + group.members
            return (all.compactMap(\.level).max() ?? .notice, all.map(\.score).max() ?? 0)
        }
        let ranked = StoryGroup.group(inPeriod).map { ($0, rank($0)) }.sorted { a, b in
            if a.1.level != b.1.level { return a.1.level > b.1.level }
            if a.1.score != b.1.score { return a.1.score > b.1.score }
            return a.0.first.time < b.0.first.time
        }
        let items = ranked.map { item($0.0) }
        var groups: [String: [Item]] = [:]
        var order: [String] = []
        for ((group, _), item) in zip(ranked, items) {
            let name = group.first.topics.first?.name ?? noTopic
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

    static func item(_ group: StoryGroup) -> Item {
        var item = item(group.first)
        item.sources = group.sourcesLine()
        item.updates = group.updates.map { Update(time: $0.time, level: $0.level, title: $0.title, link: link($0)) }
        return item
    }

    static func link(_ entry: AlertLogEntry) -> String? {
        entry.source.url ?? entry.source.feed ?? entry.source.path
    }

    static func item(_ entry: AlertLogEntry) -> Item {
        Item(id: entry.id, watch: entry.watch, title: entry.title, level: entry.level, score: entry.score,
             link: link(entry), published: entry.published,
             evidence: entry.evidence.first)
    }
}
