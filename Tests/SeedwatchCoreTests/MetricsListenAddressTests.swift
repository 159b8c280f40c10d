import Foundation
import SeedwatchCore
import Testing

/// `metrics.listen` takes loopback addresses only (issue 13, Build 7).
@Suite("metrics.listen address")
struct MetricsListenAddressTests {
    @Test func loopbackFormsAreRead() throws {
        #expect(try MetricsListenAddress.parse("127.0.0.1:9464") == MetricsListenAddress(host: "127.0.0.1", port: 9464, isIPv6: false))
        #expect(try MetricsListenAddress.parse("127.0.0.53:80") == MetricsListenAddress(host: "127.0.0.53", port: 80, isIPv6: false))
        #expect(try MetricsListenAddress.parse("[::1]:9464") == MetricsListenAddress(host: "::1", port: 9464, isIPv6: true))
        #expect(try MetricsListenAddress.parse("[0:0:0:0:0:0:0:1]:9464") == MetricsListenAddress(host: "::1", port: 9464, isIPv6: true))
        #expect(try MetricsListenAddress.parse("localhost:9464") == MetricsListenAddress(host: "127.0.0.1", port: 9464, isIPv6: false))
        #expect(try MetricsListenAddress.parse("9464") == MetricsListenAddress(host: "127.0.0.1", port: 9464, isIPv6: false))
        #expect(try MetricsListenAddress.parse("127.0.0.1:0").port == 0)
        #expect(try MetricsListenAddress.parse("[::1]:9464").description == "[::1]:9464")
        #expect(try MetricsListenAddress.parse("9464").description == "127.0.0.1:9464")
    }

    @Test func otherAddressesAndMalformedValuesAreRefused() {
        for text in ["0.0.0.0:9464", "192.168.1.10:9464", "[::]:9464", "[2001:db8::1]:9464", "example.org:9464"] {
            #expect(throws: MetricsListenAddress.Problem.notLoopback, "\(text)") { _ = try MetricsListenAddress.parse(text) }
        }
        for text in ["127.0.0.1", "127.0.0.1:", "127.0.0.1:65536", "127.0.0.1:http", "::1:9464", "[::1]9464", ":9464", "127.0.0.1:-1"] {
            #expect(throws: MetricsListenAddress.Problem.malformed, "\(text)") { _ = try MetricsListenAddress.parse(text) }
        }
    }

    static func error(_ listen: String) -> YAMLFileError? {
        let text = "watches: [x]\ndrop_folder: {path: d}\nalerts: {log: a}\nstate: {path: s}\nmetrics:\n  listen: \"\(listen)\"\n"
        do {
            _ = try ConfigurationReader.parse(text, file: "/etc/seedwatch/seedwatch.yaml")
            return nil
        } catch {
            return error as? YAMLFileError
        }
    }

    @Test func theConfigurationNamesTheKeyAndWhatToWrite() throws {
        let config = try ConfigurationReader.parse("watches: [x]\ndrop_folder: {path: d}\nalerts: {log: a}\nstate: {path: s}\n"
            + "metrics:\n  listen: 127.0.0.1:9464\n", file: "/etc/seedwatch/seedwatch.yaml")
        #expect(config.metricsListen == MetricsListenAddress(host: "127.0.0.1", port: 9464, isIPv6: false))
        let open = try #require(Self.error("0.0.0.0:9464"))
        #expect(open.problem == .notLoopbackAddress(got: "0.0.0.0:9464"))
        #expect(open.description == "/etc/seedwatch/seedwatch.yaml:6: metrics.listen: '0.0.0.0:9464' is not a loopback address: "
            + "the metrics endpoint listens on 127.0.0.0/8 or ::1 only (scrape it through a local proxy, or use metrics.textfile)")
        let malformed = try #require(Self.error("9464a"))
        #expect(malformed.description == "/etc/seedwatch/seedwatch.yaml:6: metrics.listen: "
            + "expected a loopback address and port such as 127.0.0.1:9464, [::1]:9464 or 9464, got '9464a'")
    }
}
