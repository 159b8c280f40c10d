import Foundation
import SeedwatchTesting
import Testing
@testable import SeedwatchCore

@Suite("Readable alert timestamps")
struct AlertTextTimestampTests {
    @Test("exact UTC text: leap days, the epoch, before 1970, fractions dropped toward the past")
    func knownInstants() {
        #expect(AlertTextFormatter.timestamp(Date(timeIntervalSince1970: 0)) == "1970-01-01 00:00:00Z")
        #expect(AlertTextFormatter.timestamp(Date(timeIntervalSince1970: 1_709_164_799.999)) == "2024-02-28 23:59:59Z")
        #expect(AlertTextFormatter.timestamp(Date(timeIntervalSince1970: 1_709_251_199)) == "2024-02-29 23:59:59Z")
        #expect(AlertTextFormatter.timestamp(Date(timeIntervalSince1970: -0.5)) == "1969-12-31 23:59:59Z")
        #expect(AlertTextFormatter.timestamp(Date(timeIntervalSince1970: 253_402_300_799)) == "9999-12-31 23:59:59Z")
        #expect(AlertTextFormatter.timestamp(Date(timeIntervalSince1970: -11_676_096_000)) == "1600-01-01 00:00:00Z")
    }

    @Test("equals Foundation's Calendar and String(format:) on 20,000 seeded instants, years 1 to 9999")
    func matchesFoundation() {
        var rng = SplitMix64(state: 15_006)
        var differing: [Double] = []
        for _ in 0..<20_000 {
            let seconds = Double(Int64(bitPattern: rng.next()) % 315_000_000_000) / 1 + Double(rng.next() % 1000) / 1000
            guard seconds > -62_135_596_800, seconds < 253_402_300_800 else { continue }
            let date = Date(timeIntervalSince1970: seconds)
            if AlertTextFormatter.timestamp(date) != AlertTextFormatter.timestampWithFoundation(date) { differing.append(seconds) }
        }
        #expect(differing == [])
    }
}
