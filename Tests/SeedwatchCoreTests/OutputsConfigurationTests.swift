import Foundation
import SeedwatchCore
import Testing

@Suite("Configuration: outputs")
struct OutputsConfigurationTests {
    static let head = """
        watches: [seeds/w]
        drop_folder: {path: drop}
        alerts: {log: log/alerts.jsonl}
        state: {path: state.sqlite}

        """

    func parse(_ outputs: String) throws -> SeedwatchConfiguration {
        try ConfigurationReader.parse(Self.head + outputs, file: "/etc/seedwatch/seedwatch.yaml")
    }

    func error(_ outputs: String) -> String {
        do {
            _ = try parse(outputs)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func noOutputsKeyMeansOnlyTheAlertLog() throws {
        #expect(try parse("").outputs == [])
    }

    @Test func webhookAndEmailWithDefaultsAndResolvedPaths() throws {
        let config = try parse("""
            outputs:
              - {type: webhook, url: "https://hooks.example.org/seedwatch", secret_file: secrets/hook}
              - type: email
                name: desk
                smtp: smtps://mail.example.org:465
                from: seedwatch@example.org
                to: [analyst@example.org, "Desk <desk@example.org>"]
                credentials_file: /etc/seedwatch/smtp.cred
                min_level: notice
                per: alert
                give_up_after: 2h
            """)
        var webhook = OutputConfiguration(name: "webhook", kind: .webhook(.init(url: "https://hooks.example.org/seedwatch",
                                                                             secretFile: "/etc/seedwatch/secrets/hook")))
        webhook.minimumLevel = .alert
        webhook.mode = .story
        webhook.giveUpAfterSeconds = 86_400
        var email = OutputConfiguration(name: "desk", kind: .email(.init(
            smtp: "smtps://mail.example.org:465", from: "seedwatch@example.org",
            to: ["analyst@example.org", "Desk <desk@example.org>"], credentialsFile: "/etc/seedwatch/smtp.cred")))
        email.minimumLevel = .notice
        email.mode = .alert
        email.giveUpAfterSeconds = 7200
        #expect(config.outputs == [webhook, email])
        #expect(config.outputs[0].accepts(.alert) && !config.outputs[0].accepts(.notice))
        #expect(config.outputs[1].accepts(.notice))
    }

    @Test func errorsNameTheLineAndKey() {
        #expect(error("outputs:\n  - {type: webhook, url: ftp://x.example/h}\n")
            == "/etc/seedwatch/seedwatch.yaml:6: outputs[0].url: webhook url 'ftp://x.example/h' is refused: its scheme is 'ftp:'; a webhook URL starts with http:// or https://")
        #expect(error("outputs:\n  - {type: webhook, url: http://a.example/1}\n  - {type: webhook, url: http://a.example/2}\n")
            == "/etc/seedwatch/seedwatch.yaml:7: outputs[1]: two outputs are named 'webhook'; give each output of this type a 'name'")
        #expect(error("outputs:\n  - {type: webhook, name: log, url: http://a.example/1}\n")
            == "/etc/seedwatch/seedwatch.yaml:6: outputs[0].name: the name 'log' is the alert log's; choose another")
        #expect(error("outputs:\n  - {type: pager}\n")
            == "/etc/seedwatch/seedwatch.yaml:6: outputs[0].type: unknown output type 'pager'; expected webhook or email")
        #expect(error("outputs:\n  - {type: email, smtp: smtp://m.example, from: a@example.org}\n")
            == "/etc/seedwatch/seedwatch.yaml:6: outputs[0]: email output without 'to'")
        #expect(error("outputs:\n  - {type: webhook, url: http://a.example/1, min_level: urgent}\n")
            == "/etc/seedwatch/seedwatch.yaml:6: outputs[0].min_level: min_level must be notice or alert")
        #expect(error("outputs:\n  - {type: webhook, url: http://a.example/1, smtp: smtp://m.example}\n")
            == "/etc/seedwatch/seedwatch.yaml:6: outputs[0].smtp: 'smtp' does not apply to a webhook output")
    }

    @Test func emailDigestDailyAtATimeInAZoneAndHourly() throws {
        let config = try parse("""
            outputs:
              - {type: email, name: morning, smtp: smtps://mail.example.org, from: a@example.org, to: b@example.org, digest: daily, digest_time: "06:30", digest_zone: Asia/Seoul}
              - {type: email, name: hourly, smtp: smtps://mail.example.org, from: a@example.org, to: b@example.org, digest: hourly, digest_zone: UTC}
              - {type: email, name: default-time, smtp: smtps://mail.example.org, from: a@example.org, to: b@example.org, digest: daily}
              - {type: email, name: each, smtp: smtps://mail.example.org, from: a@example.org, to: b@example.org, digest: none}
            """)
        #expect(config.outputs.map(\.digest) == [
            DigestSchedule(period: .daily(hour: 6, minute: 30), timeZone: TimeZone(identifier: "Asia/Seoul")!),
            DigestSchedule(period: .hourly, timeZone: TimeZone(identifier: "UTC")!),
            DigestSchedule(period: .daily(hour: 7, minute: 0), timeZone: .current),
            nil,
        ])
    }

    @Test func digestErrorsNameTheLineAndKey() {
        let mail = "type: email, smtp: smtps://m.example, from: a@example.org, to: b@example.org"
        #expect(error("outputs:\n  - {\(mail), digest: weekly}\n")
            == "/etc/seedwatch/seedwatch.yaml:6: outputs[0].digest: digest must be none, hourly or daily, got 'weekly'")
        #expect(error("outputs:\n  - {\(mail), digest: daily, digest_time: 7am}\n")
            == "/etc/seedwatch/seedwatch.yaml:6: outputs[0].digest_time: digest_time must be HH:MM (24-hour), got '7am'")
        #expect(error("outputs:\n  - {\(mail), digest: hourly, digest_time: \"07:00\"}\n")
            == "/etc/seedwatch/seedwatch.yaml:6: outputs[0].digest_time: 'digest_time' applies to 'digest: daily' only")
        #expect(error("outputs:\n  - {\(mail), digest_time: \"07:00\"}\n")
            == "/etc/seedwatch/seedwatch.yaml:6: outputs[0].digest_time: 'digest_time' needs 'digest: daily' or 'digest: hourly'")
        #expect(error("outputs:\n  - {\(mail), digest: daily, digest_zone: Mars/Olympus}\n")
            == "/etc/seedwatch/seedwatch.yaml:6: outputs[0].digest_zone: digest_zone 'Mars/Olympus' is not a time zone name (e.g. Europe/Berlin, UTC)")
        #expect(error("outputs:\n  - {\(mail), digest: daily, per: alert}\n")
            == "/etc/seedwatch/seedwatch.yaml:6: outputs[0].per: 'per' does not apply to a digest: it lists each story once, its repeats counted under it")
        #expect(error("outputs:\n  - {type: webhook, url: http://a.example/1, digest: daily}\n")
            == "/etc/seedwatch/seedwatch.yaml:6: outputs[0].digest: 'digest' does not apply to a webhook output")
    }
}
