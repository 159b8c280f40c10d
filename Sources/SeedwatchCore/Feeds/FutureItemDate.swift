import Foundation

/// Item dates in the future: a publisher's wrong time zone or year, a scheduled post. Such a date
/// says nothing about the item's age, so the `max_age` test of a feed's first fetch uses the fetch
/// time instead, and `seedwatch feeds check` flags the item.
public enum FutureItemDate {
    /// How far ahead of the fetch, in seconds, a date may lie before it counts as in the future (1 day:
    /// time zones and clock skew stay within it).
    public static let tolerance: TimeInterval = 86_400

    /// Whether `date` lies more than ``tolerance`` after `fetchedAt`.
    public static func isInFuture(_ date: Date, fetchedAt: Date) -> Bool {
        date.timeIntervalSince(fetchedAt) > tolerance
    }

    /// The date the `max_age` test uses: `published`, or `fetchedAt` when `published` is in the future.
    public static func forMaxAge(_ published: Date?, fetchedAt: Date) -> Date? {
        guard let published else { return nil }
        return isInFuture(published, fetchedAt: fetchedAt) ? fetchedAt : published
    }
}
