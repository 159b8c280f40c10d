/// Everything the matcher found in one article, before scoring. Offsets are UTF-8 byte offsets
/// into ``Article/extractedText``.
public struct MatchResult: Sendable {
    /// A sentence of the extracted text.
    public struct Sentence: Sendable, Hashable {
        /// UTF-8 byte range in the extracted text, trimmed.
        public var range: Range<Int>
        /// True for the title (the first line of the extracted text, when the article has a title).
        public var isTitle: Bool
        /// 0-based position among the body's sentences (the title has -1).
        public var bodyIndex: Int
    }

    /// One counted actor mention.
    public struct Mention: Sendable, Hashable {
        /// Index into ``WatchModel/actors``.
        public var actor: Int
        /// Index into that actor's aliases.
        public var alias: Int
        /// Whether the alias is weak (it counts because the actor or its state was matched strongly).
        public var weak: Bool
        /// UTF-8 byte range of the mention in the extracted text.
        public var range: Range<Int>
        /// Index into ``MatchResult/sentences``.
        public var sentence: Int
    }

    /// One topic-term occurrence.
    public struct TermHit: Sendable, Hashable {
        public var topic: Int
        public var term: Int
        public var range: Range<Int>
        public var sentence: Int
    }

    /// The extracted text the offsets refer to, read in place (never joined).
    public var bytes: ExtractedTextBytes
    /// The extracted text the offsets refer to, as one string (a copy: for tools and tests).
    public var text: String { bytes.string }
    public var sentences: [Sentence]
    /// Counted actor mentions in text order (weak ones dropped unless confirmed).
    public var mentions: [Mention]
    /// Topic-term occurrences in text order.
    public var termHits: [TermHit]
    /// Weak mentions that were not counted because nothing confirmed them.
    public var unconfirmedWeakMentions: Int

    /// The sentence's text, original characters.
    public func sentenceText(_ index: Int) -> String {
        String(decoding: bytes[sentences[index].range], as: UTF8.self)
    }

    /// Ids of the actors mentioned, in the order of ``WatchModel/actors``.
    public func actorIDs(in model: WatchModel) -> Set<String> {
        Set(mentions.map { model.actors[$0.actor].id })
    }
}
