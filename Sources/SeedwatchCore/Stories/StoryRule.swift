import Foundation

/// Whether two alerted articles of one watch belong to one story, and why.
public enum StoryRelation: String, Sendable, Hashable {
    /// The same page: equal canonical links (``CanonicalLink``).
    case sameLink = "same link"
    /// The same text republished (another feed, a wire copy, a syndicated copy with other
    /// boilerplate or headline, a paragraph added or cut).
    case nearDuplicate = "near-duplicate"
    /// The same event reported by another outlet, or a wire story's LEAD versions.
    case sameEvent = "same event"
    /// An edit of a seen article (a new GUID or a rewritten file that the edit rules, DESIGN §7,
    /// link to its original): it joins the story of the original's alert.
    case edit = "edit"
}

/// The rule that joins two alerted articles of one watch into one story. Pure: the caller gives
/// both fingerprints (``StoryFingerprint``); the state store supplies the candidates (those sharing
/// an LSH band key, ``LSHBands``, the canonical link, or published within ``eventWindow``).
///
/// In order, the first that holds:
/// 1. **same link** — equal canonical links;
/// 2. **near-duplicate** — estimated Jaccard index of the content words (``MinHashSignature``)
///    ≥ ``duplicateJaccard``, or ≥ ``editedJaccard`` with titles alike (``TitleSimilarity``
///    score ≥ ``TitleSimilarity/updateThreshold``); at any distance in time within the window;
/// 3. **same event** — both dated (``StoryFingerprint/isDated``: an undated article's time is when
///    it arrived, and a backlog arrives at once), published within ``eventWindow`` of each other, actors agree
///    (``actorsAgree(_:_:)``), topics agree (``topicsAgree(_:_:)``), and the estimated Jaccard
///    index of the content words ≥ ``eventJaccard``, or that of their titles and leads
///    (``StoryFingerprint/lead``) ≥ ``leadJaccard``: two outlets' own reports of one event share
///    few words over their whole length, more in what they say first. And in both cases the two
///    leads — without the watch's actor words (``StoryLeadWords``) — share an estimated
///    ``minimumSharedLeadWords`` or more, or the whole texts ``minimumSharedWords`` or more: two
///    short feed items of one day that share only "war" and the wire's name beside the actors'
///    names are two happenings.
///
/// Thresholds were fitted on the development part of the story pairs (`labels/story-pairs-build.py`) only (see
/// labels/README.md); the held-out part measures them.
public struct StoryRule: Sendable, Hashable {
    /// Content-word Jaccard at or above which two articles are one text republished.
    public var duplicateJaccard: Double
    /// Content-word Jaccard at or above which two articles with alike titles are one text edited.
    public var editedJaccard: Double
    /// Content-word Jaccard at or above which two reports of the same actors and topics within
    /// ``eventWindow`` are one event.
    public var eventJaccard: Double
    /// Jaccard index of the title-and-lead content words (``StoryFingerprint/lead``) at or above
    /// which two reports of the same actors and topics within ``eventWindow`` are one event.
    public var leadJaccard: Double
    /// How far apart in time (seconds) two reports of one event may be.
    public var eventWindow: TimeInterval
    /// The least number of words two reports of one event share in their leads
    /// (``StoryFingerprint/lead``, without the watch's actor words), estimated from the leads'
    /// Jaccard index J and sizes |A|, |B| as J / (1 + J) · (|A| + |B|).
    /// The least number of content words two long reports of one event share over their whole texts
    /// (estimated as ``minimumSharedLeadWords`` is), which stands in for the shared lead words: a
    /// long report's whole text says more than its lead, and 15 words are more than any watch's
    /// actor names (two short items share at most a few).
    public var minimumSharedWords: Double = 15
    public var minimumSharedLeadWords: Double = 3
    /// Whether the same-event relation needs actors and topics to agree (always in the pipeline;
    /// evaluation can measure the text and time conditions alone).
    public var requiresAgreement = true

    public init(duplicateJaccard: Double, editedJaccard: Double, eventJaccard: Double, leadJaccard: Double,
                eventWindow: TimeInterval) {
        self.duplicateJaccard = duplicateJaccard
        self.editedJaccard = editedJaccard
        self.eventJaccard = eventJaccard
        self.leadJaccard = leadJaccard
        self.eventWindow = eventWindow
    }

    /// The rule seedwatch uses: duplicate 0.7, edited 0.4 (with alike titles), event 0.10 or title
    /// and lead 0.08 within 48 h (fitted on the dev pairs), with 3 lead words shared beyond the actors.
    public static let standard = StoryRule(duplicateJaccard: 0.7, editedJaccard: 0.4, eventJaccard: 0.10, leadJaccard: 0.08,
                                           eventWindow: 48 * 3600)

    /// The relation between `a` and `b`, or `nil` when they are separate stories.
    public func relation(_ a: StoryFingerprint, _ b: StoryFingerprint) -> StoryRelation? {
        if let link = a.linkKey, link == b.linkKey { return .sameLink }
        let jaccard = a.signature.jaccard(b.signature)
        if jaccard >= duplicateJaccard { return .nearDuplicate }
        if jaccard >= editedJaccard && TitleSimilarity.isUpdate(a.title, b.title) { return .nearDuplicate }
        // The lead signatures are compared only for a pair that can still be one event.
        guard a.isDated && b.isDated, abs(a.time.timeIntervalSince(b.time)) <= eventWindow else { return nil }
        let leadOverlap = a.lead.jaccard(b.lead)
        if jaccard >= eventJaccard || leadOverlap >= leadJaccard,
           Self.sharedWords(jaccard: leadOverlap, a.lead.wordCount, b.lead.wordCount) >= minimumSharedLeadWords
            || Self.sharedWords(jaccard: jaccard, a.signature.wordCount, b.signature.wordCount) >= minimumSharedWords,
           !requiresAgreement || (Self.actorsAgree(a.actors, b.actors) && Self.topicsAgree(a.topics, b.topics)) {
            return .sameEvent
        }
        return nil
    }

    /// The estimated size of the intersection of two sets of sizes `a` and `b` whose Jaccard index
    /// is `jaccard`: |A ∩ B| = J · |A ∪ B| and |A ∪ B| = |A| + |B| − |A ∩ B|.
    public static func sharedWords(jaccard: Double, _ a: Int, _ b: Int) -> Double {
        jaccard / (1 + jaccard) * Double(a + b)
    }

    /// Whether a story whose dated members were published within `span` (``StoryMemberSource/storySpan(story:)``,
    /// `nil` when none is dated) still spans at most ``eventWindow`` with `fingerprint` as a member.
    /// An undated fingerprint adds no instant: it always keeps the span.
    public func keepsEventSpan(_ span: ClosedRange<Date>?, adding fingerprint: StoryFingerprint) -> Bool {
        guard let span, fingerprint.isDated else { return true }
        return max(span.upperBound, fingerprint.time).timeIntervalSince(min(span.lowerBound, fingerprint.time)) <= eventWindow
    }

    /// Actors agree when at least half of the actors of the one naming fewer are named by the other
    /// too (overlap coefficient |A ∩ B| / min(|A|, |B|) ≥ 0.5: outlets name different side
    /// actors of one event), or when neither names any (then the text alone decides; this happens
    /// only in evaluation: an alert always names an actor). One naming none never agrees.
    public static func actorsAgree(_ a: Set<String>, _ b: Set<String>) -> Bool {
        agree(a, b)
    }

    /// Topics agree when they share at least one topic, or when neither names any.
    public static func topicsAgree(_ a: Set<String>, _ b: Set<String>) -> Bool {
        (a.isEmpty && b.isEmpty) || !a.isDisjoint(with: b)
    }

    private static func agree(_ a: Set<String>, _ b: Set<String>) -> Bool {
        if a.isEmpty && b.isEmpty { return true }
        return 2 * a.intersection(b).count >= min(a.count, b.count) && !a.isEmpty && !b.isEmpty
    }
}
