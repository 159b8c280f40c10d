import Foundation

/// The story signature of one long article (``MinHashSignature/init(concatenationOf:)`` of its title,
/// a line break and its body), made on a thread of its own while the calling thread matches and
/// scores the article: `scan` of a 55 MB `.txt` spent a fifth of its cycles on the signature's word
/// walk after the scoring (issue 15), and an article above ``Normalizer/sharedNormalizationLimit``
/// has no kept normalised text to read it from.
///
/// The signature is the same as the one ``StoryFingerprint/init(alert:article:normalized:signature:leadWords:)``
/// makes without it. It is made whether or not the article alerts: one more walk of the text's
/// bytes (no copy of them: the thread holds the article's strings) for a long article that does
/// not. Read ``signature`` before the article is released: it waits for the thread, so that the
/// article's text is not held past its turn.
public final class SignatureAhead: @unchecked Sendable {
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var made: MinHashSignature?

    /// Starts making the signature of `article`'s title and body.
    public init(of article: Article) {
        let (title, body) = (article.title, article.body)
        let thread = Thread { [self] in
            let signature = MinHashSignature(concatenationOf: [title, "\n", body])
            condition.lock()
            made = signature
            condition.broadcast()
            condition.unlock()
        }
        thread.start()
    }

    /// The signature, once made (waits for the thread until then).
    public var signature: MinHashSignature {
        condition.lock()
        defer { condition.unlock() }
        while made == nil { condition.wait() }
        return made!
    }
}
