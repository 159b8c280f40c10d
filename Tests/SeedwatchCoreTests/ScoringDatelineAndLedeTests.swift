import Foundation
@testable import SeedwatchCore
import Testing

/// Rules an analyst would write from the tuning part's misses and the miss kinds (issue 8,
/// seventh round), each a short article of our own: a name written with a number joined to it (the
/// Juche calendar's year in KCNA's dateline), and a headline that names no state read with the
/// states of its first sentence (the lede says whom the headline is about).
@Suite("Scoring: numbered names, a headline read with its lede")
struct ScoringDatelineAndLedeTests {
    static func decide(_ title: String, _ body: [String] = []) throws -> Decision {
        try ShippedModel.scorer.score(ShippedModel.matcher.match(Article(title: title, body: body.joined(separator: "\n"))))
    }

    /// A KCNA photo caption whose only sign of North Korea is its dateline: "[Juche113.9.5.]" joins
    /// the year to the word, and digits are word characters (DESIGN §5), so only the numbered alias
    /// (year 1–199 of the Juche calendar) names North Korea there. Before the numbered alias it
    /// named Russia alone: 11.75 points, no level.
    @Test func theJucheDatelineNamesNorthKorea() throws {
        let d = try Self.decide("Russian Youth Camping Group Visits Several Places Here [Juche113.9.5.]")
        #expect(d.actors.map(\.id) == ["russia", "north_korea"])
        #expect(d.explanation.map(\.description) == [
            "state russia in title +6.0", "state russia in title, a headline-only item's lead +4.0",
            "state north_korea in title +6.0", "state north_korea in title, a headline-only item's lead +4.0",
            "title: russia_nk_alliance \"visits\" +1.0", "title, a headline-only item's lead: russia_nk_alliance \"visits\" +0.75",
            "title: north_korea+russia with russia_nk_alliance +6.0", "title: north_korea with russia_nk_alliance +4.0",
        ])
        #expect(d.score == 31.75)
        #expect(d.level == .alert)
    }

    /// The numbered forms stop at a word character: "Juche1130" (year 1130) is beyond the range and
    /// no name, and "Juche" joined to letters is another word.
    @Test(arguments: [
        ("[Juche1.1.1.]", true), ("[Juche199.12.31.]", true), ("Juche113", true),
        ("Juche200", false), ("Juche1130", false), ("Jucheism", false),
    ] as [(String, Bool)])
    func numberedFormsAreWholeWords(text: String, names: Bool) throws {
        #expect(try ShippedModel.actorIDs("Caption \(text)").contains("north_korea") == names)
    }

    /// `numbered: [FIRST, LAST]` adds the alias with each number joined; a range upside down, with
    /// one bound or of more than 1,000 numbers is a model error naming the key.
    @Test func numberedAliasesInAModel() throws {
        func load(_ numbered: String) throws -> WatchModel {
            try ModelLoader.load(bytes: Array("""
                actors:
                  - {id: era, kind: state, aliases: [{text: Era, numbered: \(numbered)}]}
                topics:
                  - {id: t, terms: [calendar]}
                """.utf8), file: "model.yaml", watch: "w")
        }
        #expect(try load("[7, 9]").actors[0].aliases.map(\.text) == ["Era", "Era7", "Era8", "Era9"])
        for bad in ["[9, 7]", "[3]", "[0, 1000]"] {
            #expect(throws: YAMLFileError.self) { try load(bad) }
            do { _ = try load(bad) } catch {
                #expect("\(error)".contains("numbered must be [FIRST, LAST], whole numbers with 0 ≤ FIRST ≤ LAST, at most 1,000 of them"))
            }
        }
    }
}
