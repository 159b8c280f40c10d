/// Everything the matcher found in one article, before scoring. Offsets are UTF-8 byte offsets
/// into ``Article/extractedText``.
public struct MatchResult: Sendable {
    /// A sentence of the extracted text, in 16 bytes (offsets as `UInt32`, so an extracted text is
    /// below 4 GiB): an article that alerts in every sentence holds one per sentence (issue 15: peak
    /// memory of one article).
    public struct Sentence: Sendable, Hashable {
        private var span: ByteSpan
        private var body: Int32
        /// True for the title (the first line of the extracted text, when the article has a title).
        public var isTitle: Bool

        public init(range: Range<Int>, isTitle: Bool, bodyIndex: Int) {
            span = ByteSpan(range)
            self.isTitle = isTitle
            body = Int32(bodyIndex)
        }

        /// UTF-8 byte range in the extracted text, trimmed.
        public var range: Range<Int> { get { span.range } set { span.range = newValue } }
        /// 0-based position among the body's sentences (the title has -1).
        public var bodyIndex: Int {
            get { Int(body) }
            set { body = Int32(newValue) }
        }
    }

    /// One counted actor mention, in 20 bytes (it took 48 with `Int` fields): an article that names
    /// actors in every sentence holds hundreds of thousands (issue 15: peak memory of one article).
    /// Offsets are `UInt32`, so an extracted text is below 4 GiB.
    public struct Mention: Sendable, Hashable {
        private var span: ByteSpan
        private var actorIndex: Int32
        /// The alias index shifted left by one, the weak flag in bit 0.
        private var aliasAndWeak: Int32
        private var sentenceIndex: Int32

        public init(actor: Int, alias: Int, weak: Bool, range: Range<Int>, sentence: Int) {
            span = ByteSpan(range)
            actorIndex = Int32(actor)
            aliasAndWeak = Int32(alias) << 1 | (weak ? 1 : 0)
            sentenceIndex = Int32(sentence)
        }

        /// Index into ``WatchModel/actors``.
        public var actor: Int {
            get { Int(actorIndex) }
            set { actorIndex = Int32(newValue) }
        }
        /// Index into that actor's aliases.
        public var alias: Int {
            get { Int(aliasAndWeak >> 1) }
            set { aliasAndWeak = Int32(newValue) << 1 | (aliasAndWeak & 1) }
        }
        /// Whether the alias is weak (it counts because the actor or its state was matched strongly).
        public var weak: Bool {
            get { aliasAndWeak & 1 == 1 }
            set { aliasAndWeak = aliasAndWeak & ~1 | (newValue ? 1 : 0) }
        }
        /// UTF-8 byte range of the mention in the extracted text.
        public var range: Range<Int> { get { span.range } set { span.range = newValue } }
        /// Index into ``MatchResult/sentences``.
        public var sentence: Int { get { Int(sentenceIndex) } set { sentenceIndex = Int32(newValue) } }
    }

    /// One topic-term occurrence, in 20 bytes (``Mention``'s layout).
    public struct TermHit: Sendable, Hashable {
        private var span: ByteSpan
        private var topicIndex: Int32
        private var termIndex: Int32
        private var sentenceIndex: Int32

        public init(topic: Int, term: Int, range: Range<Int>, sentence: Int) {
            span = ByteSpan(range)
            topicIndex = Int32(topic)
            termIndex = Int32(term)
            sentenceIndex = Int32(sentence)
        }

        /// Index into ``WatchModel/topics``.
        public var topic: Int {
            get { Int(topicIndex) }
            set { topicIndex = Int32(newValue) }
        }
        /// Index into that topic's terms.
        public var term: Int {
            get { Int(termIndex) }
            set { termIndex = Int32(newValue) }
        }
        /// UTF-8 byte range of the term in the extracted text.
        public var range: Range<Int> { get { span.range } set { span.range = newValue } }
        /// Index into ``MatchResult/sentences``.
        public var sentence: Int { get { Int(sentenceIndex) } set { sentenceIndex = Int32(newValue) } }
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

/// A UTF-8 byte range in 8 bytes: the offsets as `UInt32` (an extracted text is below 4 GiB).
struct ByteSpan: Sendable, Hashable {
    private var start: UInt32
    private var length: UInt32

    init(_ range: Range<Int>) {
        start = UInt32(range.lowerBound)
        length = UInt32(range.count)
    }

    var range: Range<Int> {
        get { Int(start)..<(Int(start) + Int(length)) }
        set { self = ByteSpan(newValue) }
    }
}
