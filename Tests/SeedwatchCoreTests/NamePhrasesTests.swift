import SeedwatchCore
import Testing

@Suite("Name phrases of a seed: titles and appositions")
struct NamePhrasesTests {
    static func names(_ sentence: String) -> [String] {
        NamePhrases.occurrences(in: sentence, index: 0).map { o in
            o.words.joined(separator: " ") + "|" + (o.title ?? "-") + "|" + (o.belongsTo ?? "-")
        }
    }

    @Test func titleBeforeAndStateAfter() {
        #expect(Self.names("It is clear that President Xi Jinping of China is the ultimate constraint.")
            == ["It|-|-", "Xi Jinping|president|China", "China|-|-"])
    }

    @Test func demonymAndLowerCaseTitleBefore() {
        #expect(Self.names("Before that, North Korean leader Kim Jong-un wrote letters.")
            == ["Before|-|-", "North Korean|-|-", "Kim Jong-un|leader|North Korean"])
    }

    @Test func demonymInsideTheRun() {
        #expect(Self.names("He met South Korean President Moon Jae-in three times.")
            == ["He|-|-", "Moon Jae-in|president|South Korean"])
    }

    @Test func possessiveStateBeforeATitle() {
        #expect(Self.names("Spain's PM Pedro Sánchez blamed traffickers.")
            == ["Spain|-|-", "Pedro Sánchez|pm|Spain"])
    }

    @Test func abbreviatedTitlesAndAppositions() {
        let occ = NamePhrases.occurrences(in: "When Mr. Putin arrived, the head of NK News, Andrei Lankov, was doubtful.", index: 4)
        #expect(occ.map { $0.words.joined(separator: " ") } == ["Putin", "NK News", "Andrei Lankov"])
        #expect(occ.map(\.title) == ["mr", nil, nil])
        #expect(occ.map(\.apposition) == [false, false, true])
        #expect(occ.allSatisfy { $0.sentence == 4 })
    }

    @Test func organisationWords() {
        let occ = NamePhrases.occurrences(in: "Spain's Interior Ministry told the BBC.", index: 0)
        #expect(occ.map { $0.words.joined(separator: " ") } == ["Spain", "Interior Ministry", "BBC"])
        #expect(occ.map(\.isOrganization) == [false, true, false])
    }

    /// German writes the title glued before the name, capitalised like every noun, often as a
    /// compound ("Bundeskanzler", "Wirtschaftsminister"); the state's adjective stands before it.
    @Test func germanTitlesBeforeTheName() {
        #expect(Self.names("Wirtschaftsminister Robert Habeck kritisierte China.")
            == ["Robert Habeck|wirtschaftsminister|-", "China|-|-"])
        #expect(Self.names("Der russische Präsident Wladimir Putin traf Bundeskanzler Olaf Scholz.")
            == ["Der|-|-", "Wladimir Putin|präsident|russische", "Olaf Scholz|bundeskanzler|-"])
        #expect(Self.names("Kremlchef Putin und Außenministerin Annalena Baerbock sprachen.")
            == ["Putin|kremlchef|-", "Annalena Baerbock|außenministerin|-"])
        // "Minister" alone and as a compound are titles; a word that merely ends so is not.
        #expect(NamePhrases.isTitle("verteidigungsminister"))
        #expect(!NamePhrases.isTitle("administer"))
        #expect(NamePhrases.isFormalTitle("bundeskanzler"))
        #expect(!NamePhrases.isFormalTitle("regierungssprecher"))
        #expect(!NamePhrases.isFormalTitle("herr"))
    }

    /// Spanish, Portuguese, French and Italian write a lower-case title, often with the state's
    /// adjective and a comma, before the name.
    @Test func romanceTitlesWithTheStatesAdjective() {
        #expect(Self.names("El presidente ruso, Vladimir Putin, visitó Pyongyang.")
            == ["El|-|-", "Vladimir Putin|presidente|ruso", "Pyongyang|-|-"])
        #expect(Self.names("Le président chinois Xi Jinping est arrivé.")
            == ["Le|-|-", "Xi Jinping|président|chinois"])
        #expect(Self.names("Segundo o primeiro-ministro Luís Montenegro, nada mudou.")
            == ["Segundo|-|-", "Luís Montenegro|primeiro-ministro|-"])
    }
}
