import Foundation

/// Whether a feed has gone quiet for longer than its own history makes likely: a frozen feed
/// (a server answering 304 for ever, a feed that stopped updating, a moved feed left behind)
/// otherwise looks healthy in `seedwatch feeds`. Pure: arrivals and the clock are passed in.
///
/// Rule: *arrivals* are the instants at which new items were first seen, those within
/// ``burstWindow`` of the previous one counting as one (a poll that brings several items). With at
/// least ``minimumArrivals`` arrivals, the feed is quiet when the time since the last arrival exceeds
/// ``factor`` × the 90th percentile of the gaps between arrivals (nearest rank), and at least
/// ``minimumQuiet``.
public struct FeedQuietness: Sendable, Hashable {
    /// When the newest item was first seen.
    public var lastArrival: Date
    /// The 90th percentile of the gaps between arrivals, in seconds.
    public var usualGap: TimeInterval
    /// The silence, in seconds, after which the feed counts as quiet.
    public var threshold: TimeInterval
    /// Whether the time since ``lastArrival`` exceeds ``threshold``.
    public var isQuiet: Bool

    /// Arrivals this close together (seconds) are one: 5 minutes.
    public static let burstWindow: TimeInterval = 300
    /// The fewest arrivals that make a history (four gaps).
    public static let minimumArrivals = 5
    /// How many usual gaps of silence make a feed quiet.
    public static let factor = 3.0
    /// The shortest silence ever flagged, in seconds: 12 hours (a feed that posts every 20 minutes
    /// by day is not flagged for its night).
    public static let minimumQuiet: TimeInterval = 12 * 3600

    /// The assessment, or `nil` when the history is too short (fewer than ``minimumArrivals``).
    /// - Parameters:
    ///   - firstSeen: when each item of the feed was first seen, in any order.
    ///   - now: the time of the assessment.
    public init?(firstSeen: [Date], now: Date) {
        var arrivals: [Date] = []
        for instant in firstSeen.sorted() {
            if let last = arrivals.last, instant.timeIntervalSince(last) <= Self.burstWindow { continue }
            arrivals.append(instant)
        }
        guard arrivals.count >= Self.minimumArrivals, let last = arrivals.last else { return nil }
        let gaps = zip(arrivals.dropFirst(), arrivals).map { $0.timeIntervalSince($1) }.sorted()
        let rank = Int((0.9 * Double(gaps.count)).rounded(.up)) - 1
        usualGap = gaps[min(max(rank, 0), gaps.count - 1)]
        lastArrival = last
        threshold = max(Self.minimumQuiet, Self.factor * usualGap)
        isQuiet = now.timeIntervalSince(last) > threshold
    }
}
