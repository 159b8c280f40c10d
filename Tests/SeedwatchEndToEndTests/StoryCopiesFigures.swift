import Foundation
import SeedwatchCore

/// The figures of issue 12's target measured on one ``StoryCopiesRun``:
/// - copy-join recall: copies whose alert line is in the story of their original's line, over the
///   copies of the originals that alerted (a copy that did not alert is a miss);
/// - far-apart originals: pairs of alerted originals published more than 3 days apart, and how many
///   of them share a story (none should); pairwise precision over every pair of lines that share a
///   story and is labelled (the same original: one story; originals more than 3 days apart: two);
/// - messages: what the `per: story` webhook received per story, and whether every message beyond a
///   story's first was for an update (a member adding an actor or a higher level), never a repeat.
struct StoryCopiesFigures: CustomStringConvertible {
    static let farApart: TimeInterval = 3 * 86400

    var originals = 0
    var originalsAlerted = 0
    var copies = 0
    var copiesAlerted = 0
    /// Copies of alerted originals, and those that joined their original's story, per copy number
    /// (0: the same link with `utm_*` in the second feed; 1: an aggregator's link, dropped).
    var copiesOfAlerted = [0, 0]
    var copiesJoined = [0, 0]
    var farPairs = 0
    var farPairsJoined = 0
    /// Pairs of lines sharing a story: of one original (true), of originals > 3 days apart (false).
    var sharedSameOriginal = 0
    var sharedFarApart = 0
    var stories = 0
    var repeats = 0
    var updates = 0
    /// Updates that are copies (a copy reaching a higher level than its story had, or naming an actor it lacked).
    var copyUpdates: [String] = []
    var storyMessages = 0
    var messagesForRepeats = 0
    /// Stories that got more than one `per: story` message, and the extra messages not for an update.
    var storiesWithSeveralMessages = 0
    var extraMessagesNotUpdates = 0
    var mostMessagesInAStory = 0
    var alertMessages = 0
    /// The copies of alerted originals that did not join their original's story: the original's
    /// path, the copy's number and title, and the story it is in (`none` when it did not alert).
    var missedCopies: [String] = []
    /// Stories holding lines of originals published more than 3 days apart: the story and, for
    /// each original with a line in it, its published date, path and the copies' numbers.
    var farApartStories: [String] = []

    var recall: Double { ratio(copiesJoined.reduce(0, +), copiesOfAlerted.reduce(0, +)) }
    var farApartSeparated: Double { ratio(farPairs - farPairsJoined, farPairs) }
    var pairwisePrecision: Double { ratio(sharedSameOriginal, sharedSameOriginal + sharedFarApart) }

    init(_ run: StoryCopiesRun) {
        let originalLines = Dictionary(run.lines.filter { $0.copy == nil }.map { ($0.original, $0) }) { first, _ in first }
        let published = run.originals.map { $0.article.published ?? Date(timeIntervalSince1970: 0) }
        originals = run.originals.count
        originalsAlerted = originalLines.count
        copies = originals * StoryCopyMaker.count
        copiesAlerted = run.lines.filter { $0.copy != nil }.count
        for (index, original) in originalLines {
            for c in 0..<StoryCopyMaker.count {
                copiesOfAlerted[c] += 1
                let line = run.lines.first { $0.original == index && $0.copy == c }
                if line?.story == original.story {
                    copiesJoined[c] += 1
                } else {
                    let title = StoryCopyMaker.copies(of: run.originals[index].article, index: index, link: "")[c].title
                    missedCopies.append("\(run.originals[index].path) copy \(c) “\(title)”: story \(line?.story ?? "none")")
                }
            }
        }
        let alerted = originalLines.keys.sorted()
        for (n, i) in alerted.enumerated() {
            for j in alerted[(n + 1)...] where abs(published[i].timeIntervalSince(published[j])) > Self.farApart {
                farPairs += 1
                if originalLines[i]?.story == originalLines[j]?.story { farPairsJoined += 1 }
            }
        }
        for (n, a) in run.lines.enumerated() {
            for b in run.lines[(n + 1)...] where a.story == b.story {
                if a.original == b.original {
                    sharedSameOriginal += 1
                } else if abs(published[a.original].timeIntervalSince(published[b.original])) > Self.farApart {
                    sharedFarApart += 1
                }
            }
        }
        var farStories: Set<String> = []
        for (n, a) in run.lines.enumerated() {
            for b in run.lines[(n + 1)...] where a.story == b.story
                && abs(published[a.original].timeIntervalSince(published[b.original])) > Self.farApart { farStories.insert(a.story) }
        }
        for story in farStories.sorted() {
            let members = run.lines.filter { $0.story == story }
            farApartStories.append("story \(story): " + Set(members.map(\.original)).sorted().map { i in
                "\(ISO8601DateFormatter().string(from: published[i])) \(run.originals[i].path) “\(run.originals[i].article.title)” "
                    + members.filter { $0.original == i }.map { $0.copy.map { "copy \($0)" } ?? "original" }.joined(separator: "+")
            }.joined(separator: "; "))
        }
        stories = Set(run.lines.map(\.story)).count
        repeats = run.lines.filter(\.isRepeat).count
        updates = run.lines.filter { !$0.isRepeat && $0.story != $0.id }.count
        copyUpdates = run.lines.filter { !$0.isRepeat && $0.story != $0.id && $0.copy != nil }.map { line in
            let story = run.lines.filter { $0.story == line.story && $0.id != line.id }
            return "\(run.originals[line.original].path) copy \(line.copy ?? 0): \(line.level) \(line.actors.sorted()) after "
                + "\(Set(story.map(\.level)).sorted()) \(Set(story.flatMap(\.actors)).sorted())"
        }
        let byID = Dictionary(run.lines.map { ($0.id, $0) }) { first, _ in first }
        storyMessages = run.storyMessages.count
        var perStory: [String: [String]] = [:]
        for message in run.storyMessages {
            let id = message["id"] as? String ?? ""
            if byID[id]?.isRepeat == true { messagesForRepeats += 1 }
            perStory[message["story"] as? String ?? "", default: []].append(id)
        }
        for (_, ids) in perStory {
            mostMessagesInAStory = max(mostMessagesInAStory, ids.count)
            guard ids.count > 1 else { continue }
            storiesWithSeveralMessages += 1
            extraMessagesNotUpdates += ids.dropFirst().filter { id in
                guard let line = byID[id] else { return true }
                return line.isRepeat || line.story == line.id
            }.count
        }
        alertMessages = run.alertMessages
    }

    var description: String {
        func f(_ x: Double) -> String { String(format: "%.3f", x) }
        return """
        story copies: \(originals) originals (\(originalsAlerted) alerted), \(copies) copies (\(copiesAlerted) alerted)
        copy-join recall: \(copiesJoined.reduce(0, +))/\(copiesOfAlerted.reduce(0, +)) = \(f(recall)) \
        (same link + utm_* in the 2nd feed: \(copiesJoined[0])/\(copiesOfAlerted[0]); aggregator link + fbclid, dropped: \(copiesJoined[1])/\(copiesOfAlerted[1]))
        originals > 3 days apart: \(farPairs) pairs, \(farPairsJoined) share a story (kept apart: \(f(farApartSeparated)))
        pairwise precision of shared stories: \(sharedSameOriginal) same-original pairs, \(sharedFarApart) far-apart pairs = \(f(pairwisePrecision))
        stories: \(stories); lines: \(repeats) repeats, \(updates) updates (\(copyUpdates.count) of them copies)
        per: story messages: \(storyMessages) (at most \(mostMessagesInAStory) per story; \(storiesWithSeveralMessages) stories with more than one, \
        \(extraMessagesNotUpdates) extra not an update; \(messagesForRepeats) for a repeat); per: alert messages: \(alertMessages)
        """ + missedCopies.map { "\nmissed: " + $0 }.joined() + farApartStories.map { "\nfar apart in one " + $0 }.joined()
            + copyUpdates.map { "\ncopy update: " + $0 }.joined()
    }

    private func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 1 : Double(a) / Double(b) }
}
