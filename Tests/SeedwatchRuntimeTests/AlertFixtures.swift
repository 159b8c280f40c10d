import Foundation
import SeedwatchCore

/// The alert of case 26: feed item k-1, "Kim Jong Un meets Putin", for the shipped watch.
enum AlertFixtures {
    static let watch = "china-russia-north-korea"
    static let feedURL = "https://news.example/world/rss.xml"
    static let modelVersion = String(ArticleIdentity.sha256Hex(Array("actors: []\n".utf8)).prefix(12))

    static func articleKey(_ itemKey: String) -> String {
        ArticleIdentity.feedKey(feedURL: feedURL, itemKey: itemKey)
    }

    static func alertID(_ itemKey: String) -> String {
        ArticleIdentity.alertID(watch: watch, articleKey: articleKey(itemKey), modelVersion: modelVersion)
    }

    static func record(_ itemKey: String, title: String = "Kim Jong Un meets Putin") -> AlertRecord {
        AlertRecord(
            id: alertID(itemKey), time: Date(timeIntervalSince1970: 1_718_766_725), watch: watch, level: .alert,
            score: 11.5, source: .feed(feedURL, url: "https://news.example/world/\(itemKey)", guid: itemKey),
            title: title, published: Date(timeIntervalSince1970: 1_718_748_000),
            actors: [ActorSummary(id: "kim_jong_un", name: "Kim Jong Un", mentions: 2),
                     ActorSummary(id: "vladimir_putin", name: "Vladimir Putin", mentions: 2)],
            topics: [TopicSummary(id: "russia_nk_alliance", name: "Russia–North Korea alliance", score: 5,
                                  terms: ["summit"])],
            evidence: [EvidenceItem(text: "Kim Jong Un meets Putin", actors: ["kim_jong_un", "vladimir_putin"],
                                    topics: ["russia_nk_alliance"], start: 0, end: 23)])
    }

    static func line(_ itemKey: String) -> [UInt8] {
        AlertEncoding.line(record(itemKey))
    }
}
