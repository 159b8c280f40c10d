import Foundation
import SeedwatchCore
import SeedwatchRuntime
import Testing

/// Edits of a seen article, for dropped files: new content at the same path is an edit of the article read there
/// before when the titles are similar (TitleSimilarity ≥ 0.8); a different article is new.
@Suite("Pipeline: a dropped file rewritten at the same path")
struct FileUpdateTests {
    static func key(_ text: String) -> String { ArticleIdentity.fileKey(bytes: Array(text.utf8)) }

    @Test func aHeadlineFixAtTheSamePathIsAnUpdateAndOnlyANewActorAlerts() async throws {
        let f = try PipelineFixture()
        defer { f.folder.remove() }
        let version = try PipelineTestModel.watch().model.version
        let v1 = "Kim Jong Un vists Beijing\nKim Jong Un arrived in Beijing by train.\n"
        let v2 = "Kim Jong Un visits Beijing\nKim Jong Un arrived in Beijing by train.\n"
        let v3 = "Kim Jong Un visits Beijing, meets Putin\nKim Jong Un arrived in Beijing by train and met Putin.\n"
        let other = "Xi Jinping hosts summit\nXi Jinping spoke in Beijing.\n"

        await f.process(try f.drop("report.txt", v1))
        #expect(f.alerts.count == 1)
        let firstID = try #require(f.alerts.first?["id"] as? String)
        #expect(firstID == ArticleIdentity.alertID(watch: "test-watch", articleKey: Self.key(v1), modelVersion: version))
        #expect(f.alerts.first.map(f.actorIDs) == ["kim_jong_un", "china"])
        #expect(f.alerts.first?["title"] as? String == "Kim Jong Un vists Beijing")

        // The typo fixed in place: new content hash, same path, similar title → no alert.
        await f.process(try f.drop("report.txt", v2))
        #expect(f.alerts.count == 1)
        #expect(try f.store.articleVersion(articleKey: Self.key(v2))?.originalKey == Self.key(v1))
        #expect(try f.store.articleVersion(articleKey: Self.key(v1))?.title == "Kim Jong Un visits Beijing")
        #expect(try f.store.seenDecision(articleKey: Self.key(v2), watch: "test-watch")?.alertID == firstID)

        // An edit that names Putin: one more alert, naming the first.
        await f.process(try f.drop("report.txt", v3))
        #expect(f.alerts.count == 2)
        let update = try #require(f.alerts.last)
        #expect(update["id"] as? String == ArticleIdentity.alertID(watch: "test-watch", articleKey: Self.key(v3), modelVersion: version))
        #expect(update["updates"] as? String == firstID)
        #expect(f.actorIDs(update) == ["kim_jong_un", "china", "vladimir_putin"])
        #expect(update["title"] as? String == "Kim Jong Un visits Beijing, meets Putin")

        // A different article written to the same path is new.
        await f.process(try f.drop("report.txt", other))
        #expect(f.alerts.count == 3)
        #expect(f.alerts.last?["updates"] == nil)
        #expect(f.alerts.last.map(f.actorIDs) == ["xi_jinping", "china"])
        #expect(try f.store.articleVersion(articleKey: Self.key(other))?.originalKey == Self.key(other))

        // A similar headline at another path is another article.
        await f.process(try f.drop("copy.txt", "Kim Jong Un visits Beijing!\nKim Jong Un arrived in Beijing by train.\n"))
        #expect(f.alerts.count == 4)
        #expect(f.alerts.last?["updates"] == nil)
        #expect(f.alerts.compactMap { $0["title"] as? String } == [
            "Kim Jong Un vists Beijing", "Kim Jong Un visits Beijing, meets Putin", "Xi Jinping hosts summit",
            "Kim Jong Un visits Beijing!",
        ])
    }

    @Test("the same text saved again under another name, with a trailing blank line or as Markdown, is the article already seen: no second alert")
    func theSameTextUnderAnotherNameDoesNotAlertAgain() async throws {
        let f = try PipelineFixture()
        defer { f.folder.remove() }
        let text = "Kim Jong Un visits Beijing\nKim Jong Un arrived in Beijing by train.\n"
        let trailing = text + "\n"
        let markdown = "---\ntitle: Kim Jong Un visits Beijing\n---\nKim Jong Un arrived in Beijing by train.\n"
        await f.process(try f.drop("report.txt", text))
        let firstID = try #require(f.alerts.first?["id"] as? String)

        await f.process(try f.drop("report-again.txt", trailing))
        await f.process(try f.drop("report.md", markdown))
        #expect(f.alerts.count == 1)
        let markdownKey = ArticleIdentity.fileKey(bytes: Array(markdown.utf8))
        #expect(try f.store.articleVersion(articleKey: Self.key(trailing))?.originalKey == Self.key(text))
        #expect(try f.store.articleVersion(articleKey: markdownKey)?.originalKey == Self.key(text))
        #expect(try f.store.seenDecision(articleKey: markdownKey, watch: "test-watch")?.alertID == firstID)
        #expect(try f.store.articleVersion(articleKey: Self.key(text))?.descriptionHash
                == ArticleVersion.textHash(title: "Kim Jong Un visits Beijing", body: "Kim Jong Un arrived in Beijing by train."))

        // Other text under another name is another article: it alerts on its own.
        await f.process(try f.drop("report-putin.txt", "Kim Jong Un visits Beijing\nKim Jong Un arrived in Beijing by train and met Putin.\n"))
        #expect(f.alerts.count == 2)
        #expect(f.alerts.last?["updates"] == nil)
    }
}
