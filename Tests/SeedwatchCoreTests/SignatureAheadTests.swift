import Foundation
import Testing
@testable import SeedwatchCore

/// A long article's story signature made on another thread (``SignatureAhead``) is the one the
/// fingerprint makes without it.
@Suite("Story signature made ahead")
struct SignatureAheadTests {
    @Test("the signature made ahead is the fingerprint's own, for a long text and an empty one")
    func sameSignature() {
        let long = Article(title: "Kim meets Putin in Pyongyang", body: RecentWordsTests.text(words: 60_000))
        let ahead = SignatureAhead(of: long)
        let own = MinHashSignature(concatenationOf: [long.title, "\n", long.body])
        #expect(ahead.signature == own)
        #expect(ahead.signature == MinHashSignature(normalized: Normalizer.normalize(article: long)))
        #expect(own.wordCount == 18_507)

        let empty = SignatureAhead(of: Article(title: "", body: "a b — c"))
        #expect(empty.signature == .empty)
        #expect(empty.signature.isEmpty)
    }
}
