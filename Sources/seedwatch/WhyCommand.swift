import ArgumentParser
import Foundation
import SeedwatchCore
import SeedwatchRuntime

struct WhyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "why",
        abstract: "Show what happened to a dropped file or a feed item.",
        discussion: """
        Lists, oldest first, each step the daemon recorded: seen (taken from the drop folder), \
        read, skipped (with the reason), deferred (with the reason), decided (per watch: level, \
        score, alert id), updated (a feed item whose text changed under the same GUID, read again \
        without a second alert), recorded (seen without matching), abandoned (at a stop; read again at the \
        next start). A feed item is named by its link — exactly as the feed gave it, or by its \
        canonical form (tracking parameters such as utm_source and fbclid, the fragment, http/https, \
        www. and a trailing / do not matter) — or by its GUID. History is kept for state.retention. \
        A feed item's steps name their feed (its title when configured, and URL), so that an item \
        carried by two feeds shows which feed each decision was made for. \
        Exit status 66 when nothing is recorded for PATH or URL.

        Examples:
          seedwatch why /srv/seedwatch/drop/putin-visit.html
          seedwatch why https://example.org/world/2026/putin-visit
          seedwatch why tag:example.org,2026:putin-visit
        """
    )

    @OptionGroup var options: ConfigOption

    @Flag(help: "One JSON object per event: time, event, watch, level, score, alert_id, article_key, feed, detail.")
    var json = false

    @Argument(help: ArgumentHelp("A file in the drop folder, or a feed item's link or GUID.", valueName: "path-url-or-guid"))
    var subject: String

    func run() throws {
        let configuration = try options.loadConfiguration()
        guard FileManager.default.fileExists(atPath: configuration.statePath) else {
            FileHandleOutput.standardError("\(subject): nothing recorded (no state database at \(configuration.statePath))")
            throw ExitCode(ExitStatus.noInput.rawValue)
        }
        var events: [ArticleEvent] = []
        var foundByReference = false
        do {
            let store = try StateStore(path: configuration.statePath, readOnly: true)
            for candidate in Self.candidates(subject) where events.isEmpty {
                events = try store.events(subject: Array(candidate.utf8))
            }
            if events.isEmpty {
                events = try store.events(feedItem: FeedItemReference(subject))
                foundByReference = !events.isEmpty
            }
        } catch {
            FileHandleOutput.standardError("\(error); run as the daemon's user or a member of its group")
            throw ExitCode(ExitStatus.noInput.rawValue)
        }
        guard !events.isEmpty else {
            FileHandleOutput.standardError("\(subject): nothing recorded (not seen by the daemon, or older than state.retention)")
            throw ExitCode(ExitStatus.noInput.rawValue)
        }
        let titles = Dictionary(configuration.feeds.map { ($0.url, $0.title) }, uniquingKeysWith: { a, _ in a })
        if json {
            for e in events { print(Self.json(e)) }
        } else {
            print(subject)
            // Found by its canonical link or GUID: say which item's history this is.
            if foundByReference {
                for filed in Self.subjects(of: events) where filed != subject { print("  feed item \(filed)") }
            }
            for e in events { print("  " + Self.line(e, feedTitles: titles)) }
        }
    }

    /// The subject as given, then (for a path) absolute and with symbolic links resolved.
    static func candidates(_ subject: String) -> [String] {
        if subject.contains("://") { return [subject] }
        let absolute = subject.hasPrefix("/") ? subject
            : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(subject)
        let standardized = (absolute as NSString).standardizingPath
        let resolved = (standardized as NSString).resolvingSymlinksInPath
        var result: [String] = []
        for c in [standardized, resolved, subject] where !result.contains(c) { result.append(c) }
        return result
    }

    /// The subjects `events` are filed under, each once, in order of first appearance.
    static func subjects(of events: [ArticleEvent]) -> [String] {
        var result: [String] = []
        for e in events {
            let text = String(decoding: e.subject, as: UTF8.self)
            if !result.contains(text) { result.append(text) }
        }
        return result
    }

    /// `2026-12-06T09:40:01Z  decided   china-russia-north-korea: alert, score 41.50, alert 3f7c0a9d2e4b1c58 — Title
    /// (feed "NK News" https://www.nknews.org/feed/)`: a feed item's step ends with its feed (the
    /// feed of its article key), titled when `feedTitles` gives the URL a title.
    static func line(_ e: ArticleEvent, feedTitles: [String: String?] = [:]) -> String {
        let kind = e.kind.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
        var text = "\(AlertTimestamp.format(e.at))  \(kind) "
        if e.kind == .decided {
            text += "\(e.watch ?? "-"): \(e.level ?? "below notice"), score \(e.score.map { String(format: "%.2f", $0) } ?? "-")"
            if let id = e.alertID { text += ", alert \(id)" }
            if let detail = e.detail { text += " — \(detail)" }
        } else if e.kind == .updated {
            text += "\(e.watch ?? "-"): \(e.detail ?? "")"
        } else {
            text += e.detail ?? ""
        }
        if let feed = feedURL(of: e) {
            let title = (feedTitles[feed] ?? nil).map { "\"\($0)\" " } ?? ""
            text += " (feed \(title)\(feed))"
        }
        return text
    }

    /// The feed an event's item belongs to: the feed URL of its article key, if it is a feed item's.
    static func feedURL(of e: ArticleEvent) -> String? {
        e.articleKey.flatMap(FeedItemReference.feedURL(ofArticleKey:))
    }

    static func json(_ e: ArticleEvent) -> String {
        var object: [String: Any] = ["time": AlertTimestamp.format(e.at), "event": e.kind.rawValue]
        if let v = e.watch { object["watch"] = v }
        if let v = e.level { object["level"] = v }
        if let v = e.score { object["score"] = v }
        if let v = e.alertID { object["alert_id"] = v }
        if let v = e.articleKey { object["article_key"] = v }
        if let v = feedURL(of: e) { object["feed"] = v }
        if let v = e.detail { object["detail"] = v }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
