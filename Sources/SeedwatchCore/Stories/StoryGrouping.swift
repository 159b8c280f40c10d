import Foundation

/// Alert log entries grouped by story (issue 12): each story once, at its first alert, with the
/// alerts that joined it after. The one grouping of `seedwatch alerts`, `seedwatch digest`, the
/// e-mail digest and the single-alert e-mail.
public struct StoryGroup: Sendable, Hashable {
    /// The first alert of the story that was read (its own story's first alert, unless that one
    /// was filtered out or is in a log no longer read).
    public var first: AlertLogEntry
    /// The later members, in log order.
    public var members: [AlertLogEntry]

    public init(first: AlertLogEntry, members: [AlertLogEntry] = []) {
        self.first = first
        self.members = members
    }

    /// Groups `entries` (log order) by their `story` key, per watch; an entry without one (a line
    /// from before stories) is a group of its own. Groups are ordered by their first entry.
    public static func group(_ entries: [AlertLogEntry]) -> [StoryGroup] {
        var groups: [StoryGroup] = []
        var index: [String: Int] = [:]
        for entry in entries {
            guard let story = entry.story else {
                groups.append(StoryGroup(first: entry))
                continue
            }
            let key = entry.watch + "\u{0}" + story
            if let i = index[key] {
                groups[i].members.append(entry)
            } else {
                index[key] = groups.count
                groups.append(StoryGroup(first: entry))
            }
        }
        return groups
    }

    /// The outlet of an entry as the grouped view names it: the host of its link (else of its
    /// feed) without `www.`, or the file name of a dropped file without a link.
    public static func outlet(_ entry: AlertLogEntry) -> String {
        for link in [entry.source.url, entry.source.feed] {
            if let link, let host = URIReference(link).authority, !host.isEmpty {
                let lower = host.lowercased()
                return lower.hasPrefix("www.") ? String(lower.dropFirst(4)) : lower
            }
        }
        return entry.source.path.map { String($0.split(separator: "/").last ?? Substring($0)) } ?? entry.source.type
    }

    /// The later members that add an actor or a higher level (not `"repeat": true`), in log order.
    public var updates: [AlertLogEntry] {
        members.filter { !$0.isRepeat }
    }

    /// "+3 sources: reuters.com, yna.co.kr, …": the distinct outlets of the later members, in
    /// order, at most `limit` named ("+1 source: …" for one); `nil` without later members.
    public func sourcesLine(limit: Int = 4) -> String? {
        guard !members.isEmpty else { return nil }
        var outlets: [String] = []
        for member in members {
            let name = Self.outlet(member)
            if !outlets.contains(name) { outlets.append(name) }
        }
        let named = outlets.prefix(limit).joined(separator: ", ") + (outlets.count > limit ? ", …" : "")
        return "+\(members.count) \(members.count == 1 ? "source" : "sources"): \(named)"
    }

    /// One update as the grouped views print it: "TIME LEVEL title".
    public static func updateText(_ member: AlertLogEntry) -> String {
        "\(AlertTimestamp.format(member.time)) \((member.level?.rawValue ?? "-").uppercased()) \(member.title)"
    }

    /// The lines under a story's first alert: ``sourcesLine(limit:)``, then one line
    /// "update: TIME LEVEL title" per member of ``updates``; `nil` without later members.
    public func summary(limit: Int = 4) -> String? {
        guard let sources = sourcesLine(limit: limit) else { return nil }
        return ([sources] + updates.map { "update: " + Self.updateText($0) }).joined(separator: "\n")
    }
}
