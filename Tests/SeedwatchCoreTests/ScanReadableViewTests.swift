import Foundation
import SeedwatchCore
import Testing

/// The readable view of `seedwatch scan` and `feeds check` names actors and topics as
/// `seedwatch alerts` does: by name, not by id.
@Suite struct ScanReadableViewTests {
    @Test func topicsAreShownByName() throws {
        let watch = CompiledWatch(model: try ShippedModel.model)
        let article = Article(title: "Russia says it hit fuel storage facilities in Ukrainian ports overnight - Reuters", body: "")
        let evaluation = watch.evaluate(article, articleKey: "file:test", source: .file(path: Array("/t".utf8)),
                                        time: Date(timeIntervalSince1970: 1_786_000_000))
        #expect(AlertTextFormatter.format(evaluation, source: "feed.xml") == """
            2026-08-06 07:06:40Z  -        15.25  Russia says it hit fuel storage facilities in Ukrainian ports overnight - Reuters
                actors:   Russia (1), Ukraine (1)
                topics:   Oil and gas trade 5.25
                evidence: “Russia says it hit fuel storage facilities in Ukrainian ports overnight - Reuters”
                source:   feed.xml
            """)
    }
}
