/// The seed article cut into sentences and words, as the watch builder reads it.
///
/// Sentences come from ``SentenceSplitter`` over the extracted text (title line, then body), so
/// positions agree with the matcher's: the title, then body sentence 1, 2, …
public struct SeedText: Sendable {
    /// One sentence of the seed.
    public struct Sentence: Sendable {
        /// The sentence's characters as written.
        public var text: String
        /// True for the title line.
        public var isTitle: Bool
        /// 0-based body position (-1 for the title).
        public var bodyIndex: Int
    }

    public let article: Article
    public let sentences: [Sentence]

    public init(article: Article) {
        self.article = article
        let result = Matcher(model: WatchModel(watch: "", version: "", actors: [], exclusions: [], topics: [], rules: ScoringRules()))
            .match(text: article.extractedText, hasTitle: !article.title.isEmpty)
        sentences = result.sentences.indices.map { i in
            Sentence(text: result.sentenceText(i), isTitle: result.sentences[i].isTitle, bodyIndex: result.sentences[i].bodyIndex)
        }
    }

    /// Where a sentence stands, for explanations: "title" or "sentence N" (1-based body position).
    public func place(_ index: Int) -> String {
        sentences[index].isTitle ? "title" : "sentence \(sentences[index].bodyIndex + 1)"
    }

    /// True for the title and the first `leadSentences` body sentences.
    public func isLeadOrTitle(_ index: Int, leadSentences: Int = 3) -> Bool {
        sentences[index].isTitle || sentences[index].bodyIndex < leadSentences
    }
}

/// The words and two-word phrases of a text, as `scripts/build-background-df.py` counts them, so that
/// seed terms and the background table agree: lower-cased; `’` read as `'`; clauses end at
/// `. , ; : ! ? ( ) "` “ ” and line breaks; a word is a run of letters or digits (an apostrophe or
/// hyphen splits: "Russia's" gives "russia", "s"), one-letter words dropped; a phrase is two words
/// in a row within a clause.
public enum SeedTerms {
    /// The clauses of `text`, each as its list of words.
    public static func clauses(_ text: String) -> [[String]] {
        var result: [[String]] = []
        var words: [String] = []
        var word = ""
        func endWord() {
            if word.count > 1 || (word.count == 1 && word.first!.isNumber) { words.append(word) }
            word = ""
        }
        func endClause() {
            endWord()
            if !words.isEmpty { result.append(words) }
            words = []
        }
        for ch in text.lowercased() {
            if ch.isLetter || ch.isNumber {
                word.append(ch)
            } else if ".,;:!?()\"\n\u{201C}\u{201D}".contains(ch) {
                endClause()
            } else {
                endWord()
            }
        }
        endClause()
        return result
    }

    /// The distinct words and two-word phrases of `text`.
    public static func terms(_ text: String) -> Set<String> {
        var found: Set<String> = []
        for words in clauses(text) {
            found.formUnion(words)
            for i in words.indices.dropLast() { found.insert(words[i] + " " + words[i + 1]) }
        }
        return found
    }
}
