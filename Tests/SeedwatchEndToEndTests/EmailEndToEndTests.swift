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
