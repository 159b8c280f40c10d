import Foundation

/// When an e-mail output with `digest: hourly|daily` sends its digest (issue 14): at the end of
/// each period, one message with the alerts queued since the last digest.
///
/// Periods are clock hours, or days starting at `digest_time`, in ``timeZone`` (`digest_zone`,
/// default the machine's local zone, which is what systemd gives the service). A daily period
/// across a daylight-saving change is 23 or 25 hours; a `digest_time` that a change skips is
/// taken as the next existing instant (Foundation `Calendar.nextDate`, `.nextTime`).
public struct DigestSchedule: Sendable, Hashable {
    public enum Period: Sendable, Hashable {
        case hourly
        /// At `hour`:`minute` every day.
        case daily(hour: Int, minute: Int)
    }

    public var period: Period
    public var timeZone: TimeZone

    public init(period: Period, timeZone: TimeZone = .current) {
        self.period = period
        self.timeZone = timeZone
    }

    /// `"hourly"` or `"daily"`.
    public var name: String {
        switch period {
        case .hourly: return "hourly"
        case .daily: return "daily"
        }
    }

    private var calendar: Calendar {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = timeZone
        return c
    }

    private var components: DateComponents {
        switch period {
        case .hourly: return DateComponents(minute: 0, second: 0)
        case .daily(let hour, let minute): return DateComponents(hour: hour, minute: minute, second: 0)
        }
    }

    /// The latest period boundary at or before `date` (forward searches only, from a day and two
    /// hours earlier, which holds at least one boundary whatever the daylight-saving change).
    public func boundary(atOrBefore date: Date) -> Date {
        var candidate = boundary(after: date.addingTimeInterval(-93_600))
        while true {
            let next = boundary(after: candidate)
            if next > date { return candidate }
            candidate = next
        }
    }

    /// The first period boundary after `date`.
    public func boundary(after date: Date) -> Date {
        calendar.nextDate(after: date, matching: components, matchingPolicy: .nextTime, direction: .forward)
            ?? date.addingTimeInterval(3_600)
    }

    /// Parses `digest_time` (`HH:MM`, 24-hour).
    /// - Returns: `nil` when the text is not a time of day.
    public static func timeOfDay(_ text: String) -> (hour: Int, minute: Int)? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) }),
              let hour = Int(parts[0]), let minute = Int(parts[1]), (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        return (hour, minute)
    }
}
