import Foundation

/// The content words of a text, as the story rules compare them: the words that say what an
/// article is about, without the words that every news article uses.
///
/// A word is a run of Unicode scalars that are alphabetic (property Alphabetic) or numeric (any
/// numeric type) in the folded form of the normaliser of DESIGN §5 (``Normalizer``: NFKC, case
/// folded, `-` as a space), lower-cased; an apostrophe splits ("Russia's" gives "russia", "s").
/// Dropped: one-scalar words, and the ``commonWords``.
///
/// Each word is kept as a 64-bit FNV-1a hash of its UTF-8 bytes (Fowler–Noll–Vo, offset basis
/// 14695981039346656037, prime 1099511628211), so a signature is the same in every process and on
/// every machine (Swift's `Hasher` is seeded per process).
public enum ContentWords {
    /// Words that at least ``commonShare`` of the documents of the shipped background table hold
    /// (``BackgroundFrequency``, 10,376 English news articles): "the", "said", "government",
    /// "monday"… Empty when that table cannot be read. English only: in other languages the
    /// function words stay in, which raises the overlap of unrelated articles a little.
    public static let commonWords: Set<String> = {
        guard let text = try? BundledData.text("background-df", "tsv") else { return [] }
        return commonWords(inBackgroundTable: text, share: commonShare)
    }()

    /// The single words (no two-word phrases) of a background table (`#documents<TAB>N`, then
    /// `term<TAB>df` lines, as ``BackgroundFrequency/parse(_:name:)`` reads it) held by at least
    /// `share` (0…1) of its documents. Malformed lines are skipped.
    public static func commonWords(inBackgroundTable text: String, share: Double) -> Set<String> {
        var documents = 0
        var rows: [(Substring, Int)] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            guard let tab = line.firstIndex(of: "\t"), let n = Int(line[line.index(after: tab)...]) else { continue }
            let term = line[..<tab]
            if term == "#documents" { documents = n } else if !term.contains(" ") { rows.append((term, n)) }
        }
        guard documents > 0 else { return [] }
        let least = share * Double(documents)
        return Set(rows.filter { Double($0.1) >= least }.map { String($0.0) })
    }

    /// The share of background documents (0…1) at or above which a word is common: 0.05.
    public static let commonShare = 0.05

    /// The distinct content words of `text`, as FNV-1a hashes.
    /// - Parameters:
    ///   - text: any text (title and body, as the matcher sees it).
    ///   - common: words to drop (default ``commonWords``).
    public static func hashes(of text: String, dropping common: Set<String> = commonWords) -> Set<UInt64> {
        var result: Set<UInt64> = []
        for word in words(of: text) where !common.contains(word) {
            result.insert(fnv1a(word))
        }
        return result
    }

    /// The distinct content words of a title and the lead of a body — the first `leadWords` words
    /// of `body` (counted before common words are dropped) — as FNV-1a hashes: what an outlet says
    /// first about an event, where two reports of it agree most.
    public static func leadHashes(title: String, body: String, leadWords: Int,
                                  dropping common: Set<String> = commonWords) -> Set<UInt64> {
        var result: Set<UInt64> = []
        for word in words(of: title) + words(of: body).prefix(leadWords) where !common.contains(word) {
            result.insert(fnv1a(word))
        }
        return result
    }

    /// The words of `text` in order (see the type's description), before common words are dropped.
    public static func words(of text: String) -> [String] {
        let folded = String(decoding: Normalizer.normalize(text).folded, as: UTF8.self).lowercased()
        var words: [String] = []
        var scalars = String.UnicodeScalarView()
        func endWord() {
            if scalars.count > 1 { words.append(String(scalars)) }
            scalars = String.UnicodeScalarView()
        }
        for scalar in folded.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                scalars.append(scalar)
            } else {
                endWord()
            }
        }
        endWord()
        return words
    }

    /// 64-bit FNV-1a of the UTF-8 bytes of `word`.
    public static func fnv1a(_ word: String) -> UInt64 {
        var hash: UInt64 = 14_695_981_039_346_656_037
        for byte in word.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 1_099_511_628_211
        }
        return hash
    }
}
