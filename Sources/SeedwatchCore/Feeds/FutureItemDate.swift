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

    /// The `published` date an item of a fetched feed keeps: `published`, or `fetchedAt` when
    /// `published` lies in the future (more than ``tolerance`` ahead), as Miniflux replaces a future
    /// entry date with the time it fetched the entry. A date of 2030 would otherwise stand as the
    /// alert's `published` and as the item's instant in its story (DESIGN §6, issue 12).
    public static func asPublished(_ published: Date?, fetchedAt: Date) -> Date? {
        forMaxAge(published, fetchedAt: fetchedAt)
    }

    /// The date the `max_age` test uses: `published`, or `fetchedAt` when `published` is in the future.
    public static func forMaxAge(_ published: Date?, fetchedAt: Date) -> Date? {
        guard let published else { return nil }
        return isInFuture(published, fetchedAt: fetchedAt) ? fetchedAt : published
    }
}
