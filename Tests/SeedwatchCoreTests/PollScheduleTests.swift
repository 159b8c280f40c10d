import Foundation
import SeedwatchCore
import Testing

@Suite("PollSchedule and HTTP dates")
struct PollScheduleTests {
    static let now = Date(timeIntervalSince1970: 1_787_288_400)  // 2026-08-21T05:00:00Z

    @Test("intervals are at least 60 s; jitter adds up to 10 %")
    func interval() {
        #expect(PollSchedule(intervalSeconds: 10).interval == 60)
        let schedule = PollSchedule(intervalSeconds: 900)
        #expect(schedule.nextPoll(after: .success, consecutiveFailures: 0, now: Self.now, jitter: 0) == Self.now.addingTimeInterval(900))
        #expect(schedule.nextPoll(after: .success, consecutiveFailures: 0, now: Self.now, jitter: 0.5) == Self.now.addingTimeInterval(945))
    }

    @Test("failures back off exponentially up to 24 h; 410 has no next poll")
    func backoff() {
        let schedule = PollSchedule(intervalSeconds: 900)
        let delays = (1...9).map { schedule.nextPoll(after: .failed, consecutiveFailures: $0, now: Self.now, jitter: 0)!.timeIntervalSince(Self.now) }
        #expect(delays == [900, 1800, 3600, 7200, 14400, 28800, 57600, 86400, 86400])
        #expect(schedule.nextPoll(after: .gone, consecutiveFailures: 1, now: Self.now, jitter: 0) == nil)
        #expect(schedule.nextPoll(after: .throttled(retryAfter: nil), consecutiveFailures: 2, now: Self.now, jitter: 0) == Self.now.addingTimeInterval(1800))
    }

    @Test("Retry-After in seconds or as an HTTP date, kept between 60 s and 24 h")
    func retryAfter() {
        let schedule = PollSchedule(intervalSeconds: 900)
        func next(_ value: String) -> Date? {
            schedule.nextPoll(after: .throttled(retryAfter: PollSchedule.retryAfter(value, now: Self.now)), consecutiveFailures: 1, now: Self.now, jitter: 0)
        }
        #expect(next("120") == Self.now.addingTimeInterval(120))
        #expect(next("5") == Self.now.addingTimeInterval(60))
        #expect(next("Fri, 21 Aug 2026 07:30:00 GMT") == Self.now.addingTimeInterval(9000))
        #expect(next("999999") == Self.now.addingTimeInterval(86400))
        #expect(PollSchedule.retryAfter("soon", now: Self.now) == nil)
        #expect(PollSchedule.retryAfter("-3", now: Self.now) == nil)
    }

    @Test("the three HTTP date forms of RFC 9110 §5.6.7")
    func httpDates() {
        let expected = Date(timeIntervalSince1970: 784_111_777)  // 1994-11-06T08:49:37Z
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT") == expected)
        #expect(HTTPDate.parse("Sunday, 06-Nov-94 08:49:37 GMT") == expected)
        #expect(HTTPDate.parse("Sun Nov  6 08:49:37 1994") == expected)
        #expect(HTTPDate.format(expected) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.parse("yesterday") == nil)
    }

    @Test("only chains of 301/308 move a feed")
    func redirects() {
        #expect([RedirectHop(status: 301, location: "/a"), RedirectHop(status: 308, location: "/b")].movesPermanently)
        #expect(![RedirectHop(status: 301, location: "/a"), RedirectHop(status: 302, location: "/b")].movesPermanently)
        #expect(![RedirectHop(status: 307, location: "/a")].movesPermanently)
        #expect(![RedirectHop]().movesPermanently)
    }
}
