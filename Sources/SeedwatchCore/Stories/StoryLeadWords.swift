/// The words a watch's story rules leave out of an article's lead (``StoryFingerprint/lead``): the
/// common words of news (``ContentWords/commonWords``) and every word of the watch's actor aliases
/// ("north", "korea", "putin", "kim", "moscow", "trump"…).
///
/// Every alert of a watch names its actors, so two alerts sharing "North Korea" and "Kim" say
/// nothing about whether they report one happening: what they share beyond the actors' names does
/// (the missile, the warheads, the memorial). Without this, two short feed items of one day on
/// different events ("North Korea's Vietnam War dead to get first memorial" and "North Korean
/// missile unit deploys in Russia") shared mostly the actors' names and joined one story.
public struct StoryLeadWords: Sendable {
    let dropped: WordHashTable
    /// How many actor words were added to the common words (for tests and diagnostics).
    public let actorWordCount: Int

    /// Whether a lead leaves `word` out (a lower-case word as ``ContentWords/words(of:)`` gives it).
    public func leavesOut(_ word: String) -> Bool {
        let hash = ContentWords.fnv1a(word)
        var word = word
        return word.withUTF8 { dropped.contains($0, hash: hash) }
    }

    /// The common words only: what a lead leaves out without a watch (evaluation of the text alone).
    public static let commonOnly = StoryLeadWords(actorWords: [])

    /// The common words and the words of `actorWords` (lower-cased as ``ContentWords/words(of:)``
    /// reads them).
    public init(actorWords: Set<String>) {
        let own = actorWords.subtracting(ContentWords.commonWords)
        dropped = WordHashTable(ContentWords.commonWords.union(own))
        actorWordCount = own.count
    }

    /// The common words and the words of every alias of every actor of `model`, but a word that is
    /// on its own a topic term of the model: "treaty" of "North Atlantic Treaty Organization" says
    /// what happened as the topic term `treaty` does. Exclusions, such as "trump card", are not
    /// aliases and stay in.
    public init(model: WatchModel) {
        var words: Set<String> = []
        for actor in model.actors {
            for alias in actor.aliases { words.formUnion(ContentWords.words(of: alias.text)) }
        }
        for topic in model.topics {
            for term in topic.terms {
                let termWords = ContentWords.words(of: term.text)
                if termWords.count == 1 { words.remove(termWords[0]) }
            }
        }
        self.init(actorWords: words)
    }
}
