import Crypto
import Foundation

/// A feed item's description as a secondary key: an edit of a seen item that changed its GUID,
/// link and headline often keeps its description word for word.
extension ArticleUpdateMatch {
    /// Hex SHA-256 (64 digits) of the description after the normaliser of DESIGN §5 (its folded
    /// form: case folded, `-` as a space, white space collapsed), or `nil` when the normalised
    /// description has fewer than ``minimumDescriptionWords`` words: an empty or boilerplate
    /// description ("Read more", "Continue reading…") never identifies an article.
    public static func descriptionHash(_ description: String) -> String? {
        descriptionDigest(description).map { Hex.encode(Array($0)) }
    }

    /// The SHA-256 digest whose hex is ``descriptionHash(_:)`` (32 bytes, no allocation: a
    /// document's census of 100,000 descriptions keeps digests, not strings).
    public static func descriptionDigest(_ description: String) -> SHA256.Digest? {
        digest(folded: Normalizer.normalize(description).folded)
    }

    /// ``descriptionDigest(_:)`` of a description already folded by the normaliser.
    private static func digest(folded: [UInt8]) -> SHA256.Digest? {
        guard wordCount(folded) >= minimumDescriptionWords else { return nil }
        return SHA256.hash(data: folded)
    }

    /// The digest (``descriptionDigest(_:)``) of a feed item's description — its summary, else its
    /// content — when it can identify the item: `nil` when it is too short, or when it shares no
    /// word of four or more letters with the item's title. A description that says nothing of its
    /// headline ("Get the latest breaking news from our world desk") is the site's tagline, repeated
    /// on every item over time; taken as an identity it would make each new item an "edit" of the
    /// last one that left the feed. Titles in scripts written without spaces (code points from
    /// U+3000: CJK, kana, Hangul) are not tested.
    public static func identifyingDescriptionDigest(title: String, summary: String, content: String) -> SHA256.Digest? {
        // The description is folded once, for its digest and for its words (every item of a
        // document's census comes here).
        let folded = Normalizer.normalize(summary.isEmpty ? content : summary).folded
        guard let digest = digest(folded: folded) else { return nil }
        return LongWords.shareOne(title, folded: folded) ? digest : nil
    }

    /// ``identifyingDescriptionDigest(title:summary:content:)`` as hex (64 digits).
    public static func identifyingDescriptionHash(title: String, summary: String, content: String) -> String? {
        identifyingDescriptionDigest(title: title, summary: summary, content: content).map { Hex.encode(Array($0)) }
    }

    /// The fewest words a description needs to identify an article by its hash (a typical
    /// one-sentence teaser, "The North Korean leader arrived by train on Saturday.", has 9).
    public static let minimumDescriptionWords = 6

    /// Runs of letters and digits (any non-ASCII byte counts as a letter) in UTF-8 `bytes`.
    static func wordCount(_ bytes: [UInt8]) -> Int {
        var count = 0
        var inWord = false
        for b in bytes {
            let isWordByte = b >= 0x80 || (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A)
            if isWordByte && !inWord { count += 1 }
            inWord = isWordByte
        }
        return count
    }

    /// The description hashes that more than one of `versions` has: within one fetched document
    /// such a description (a boilerplate "Read more") identifies none of its items.
    public static func sharedDescriptionHashes(_ versions: [ArticleVersion]) -> Set<String> {
        var counts: [String: Int] = [:]
        for hash in versions.compactMap(\.descriptionHash) { counts[hash, default: 0] += 1 }
        return Set(counts.filter { $0.value > 1 }.keys)
    }
}
