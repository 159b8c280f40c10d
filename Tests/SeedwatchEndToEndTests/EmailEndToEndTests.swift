import Foundation
import SeedwatchCore
import SeedwatchTesting
import Testing

/// The built daemon sending one e-mail per alert to a loopback SMTP server that refuses 30 % of
/// messages with 451 (seeded), while the daemon is killed with SIGKILL: every alert arrives as a
/// message that decodes and whose subject names it; a repeat carries the same Message-ID.
@Suite("Daemon end to end: e-mail delivery", .serialized)
struct EmailEndToEndTests {
    @Test(.timeLimit(.minutes(10)))
    func everyAlertArrivesAsAMessageAcrossKills() throws {
        let articles = KilledDaemonRun.environment("SEEDWATCH_EMAIL_ARTICLES", default: 12)
        let kills = KilledDaemonRun.environment("SEEDWATCH_EMAIL_KILLS", default: 2)
        var random = SplitMix64(state: 20_261_206)
        let server = try LoopbackSMTPServer()
        defer { server.stop() }
        server.script((0..<(articles * 3)).map { _ in Double.random(in: 0..<1, using: &random) < 0.3 ? "451 try again later" : nil })
        var run = try KilledDaemonRun("seedwatch-e2e-email", outputs: """
              - {type: email, name: desk, smtp: "\(server.url)", from: seedwatch@example.org, to: [analyst@example.org], credentials_file: smtp.cred, per: alert}

            """, files: ["smtp.cred": "analyst:secret\n"])
        try run.dropArticles(articles, kills: kills, random: &random)
        func messageIDs() -> [String] {
            server.messages.compactMap { m in
                m.data.components(separatedBy: "\r\n").first { $0.hasPrefix("Message-ID: <") }.map { String($0.dropFirst(13).prefix(16)) }
            }
        }
        let allLogged = waitUntil(Double(60 + articles)) { Set(AlertLine.read(run.alertLog).map(\.id)).count >= articles }
        let allArrived = waitUntil(Double(120 + articles * 2)) { Set(messageIDs()).count >= articles }
        #expect(run.stop() == 0)
        let logIDs = AlertLine.read(run.alertLog).map(\.id)
        let ids = messageIDs()
        print("e-mail end to end: \(articles) articles, \(kills) kills, \(server.messages.count) messages, "
            + "\(ids.count - Set(ids).count) duplicates, \(logIDs.count) log lines")
        #expect(allLogged && allArrived, "log:\n\(run.daemon.log.suffix(3000))")
        #expect(logIDs.count == articles && Set(logIDs).count == articles)
        #expect(Set(ids) == Set(logIDs))
        #expect(ids.count - Set(ids).count <= kills)
        #expect(server.messages.allSatisfy { $0.login == "analyst:secret" && $0.recipients == ["<analyst@example.org>"] })
        // Every message names its alert: the subject carries the level and the article's title.
        for message in server.messages {
            let subject = message.data.components(separatedBy: "\r\n").first { $0.hasPrefix("Subject: ") } ?? ""
            #expect(subject.hasPrefix("Subject: [seedwatch] ALERT: Putin and Kim Jong Un sign mutual defence pact in Pyongyang, report "))
        }
    }
}

/// The built daemon with a daily e-mail digest, killed with SIGKILL while the alerts arrive; then its
/// `digest_time` is moved to a whole minute a few seconds ahead (UTC) and it is killed again just
/// after that period ends: one digest arrives with every alert; a repeat is the same message (same
/// Message-ID).
@Suite("Daemon end to end: e-mail digest", .serialized)
struct EmailDigestEndToEndTests {
    /// `digest_time` of `boundary` in UTC (`HH:MM`).
    static func digestTime(_ boundary: Date) -> String { String(AlertTimestamp.format(boundary).dropFirst(11).prefix(5)) }

    @Test(.timeLimit(.minutes(6)))
    func oneDigestWithEveryAlertAcrossKills() throws {
        let articles = KilledDaemonRun.environment("SEEDWATCH_DIGEST_ARTICLES", default: 12)
        let kills = KilledDaemonRun.environment("SEEDWATCH_DIGEST_KILLS", default: 2)
        var random = SplitMix64(state: 20_261_207)
        let server = try LoopbackSMTPServer()
        defer { server.stop() }
        server.script(["451 try again later"])
        // While the alerts arrive, the period ends hours away: no digest can be due.
        let far = Date(timeIntervalSince1970: ((Date().timeIntervalSince1970 + 6 * 3_600) / 60).rounded(.up) * 60)
        var run = try KilledDaemonRun("seedwatch-e2e-digest", outputs: """
              - {type: email, name: desk, smtp: "\(server.url)", from: seedwatch@example.org, to: [analyst@example.org], digest: daily, digest_time: "\(Self.digestTime(far))", digest_zone: UTC}

            """)
        try run.dropArticles(articles, kills: kills, random: &random)
        #expect(waitUntil(60) { Set(AlertLine.read(run.alertLog).map(\.id)).count >= articles })
        #expect(server.messages.isEmpty)
        // The period now ends at the first whole minute at least 8 s from now (the restart's time):
        // the daemon is killed and started on the edited configuration (the queued alerts stay queued).
        let boundary = Date(timeIntervalSince1970: ((Date().timeIntervalSince1970 + 8) / 60).rounded(.up) * 60)
        let text = try String(contentsOf: run.config, encoding: .utf8)
        try text.replacingOccurrences(of: "digest_time: \"\(Self.digestTime(far))\"", with: "digest_time: \"\(Self.digestTime(boundary))\"")
            .write(to: run.config, atomically: true, encoding: .utf8)
        try run.killAndRestart()
        #expect(server.messages.isEmpty || Date() >= boundary)
        // Kill the daemon once more just after the period's end: making the digest, sending it, or recording it.
        Thread.sleep(forTimeInterval: max(0, boundary.timeIntervalSinceNow) + Double.random(in: 0.5...1.5, using: &random))
        try run.killAndRestart()
        let arrived = waitUntil(90) { !server.messages.isEmpty }
        Thread.sleep(forTimeInterval: 3)
        #expect(run.stop() == 0)
        #expect(arrived, "log:\n\(run.daemon.log.suffix(3000))")
        let start = AlertTimestamp.format(boundary.addingTimeInterval(-86_400))
        func minute(_ rfc3339: String) -> String { rfc3339.prefix(10) + " " + rfc3339.dropFirst(11).prefix(5) }
        let stamp = AlertTimestamp.format(boundary).filter { $0 != "-" && $0 != ":" }
        print("e-mail digest end to end: \(articles) articles, \(kills + 2) kills, \(server.messages.count) messages")
        #expect((1...2).contains(server.messages.count))
        for message in server.messages {
            let headers = message.data.components(separatedBy: "\r\n")
            #expect(headers.contains("Subject: [seedwatch] daily digest \(minute(start)) - \(minute(AlertTimestamp.format(boundary))) UTC: \(articles) alerts"))
            #expect(headers.contains("Message-ID: <digest.desk.\(stamp)@seedwatch>"))
        }
        #expect(AlertLine.read(run.alertLog).count == articles)
    }
}
