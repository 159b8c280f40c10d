/// How alike two headlines are, for recognising an edit of a seen article under a new key.
///
/// The measure is the Sørensen–Dice coefficient of the character bigrams of the two comparable
/// titles (see ``comparable(_:)``), counted as multisets:
///
///     similarity = 2 · |bigrams(a) ∩ bigrams(b)| / (|bigrams(a)| + |bigrams(b)|)
///
/// where a bigram is a pair of adjacent Unicode scalars (spaces included) and ∩ keeps each bigram
/// as often as it occurs in both. The result is in `0...1`. Titles with fewer than two scalars
/// have no bigrams: their similarity is 1 when their comparable forms are equal, else 0.
///
/// Character bigrams rather than whole words, so a typo fix scores high ("Kim Jong Un vists
/// Beijing" / "… visits Beijing": 0.9388) while a different place does not ("… visits Beijing" /
/// "… visits Moscow": 0.7347); an appended clause keeps most bigrams ("… visits Beijing" /
/// "… visits Beijing, meets Putin": 0.8065).
public enum TitleSimilarity {
    /// The similarity at or above which two titles (of the same feed and published date, or at the
    /// same drop-folder path) are the same article edited.
    public static let updateThreshold = 0.8

    /// The title as compared: the normaliser of DESIGN §5 (``Normalizer``, its folded form: case
    /// folded, `-` as a space), lower-cased, every run of scalars that are neither alphabetic (Unicode
    /// property Alphabetic) nor numeric (any Unicode numeric type) replaced by one space, leading and
    /// trailing spaces dropped. Returned as Unicode scalars.
    public static func comparable(_ title: String) -> [Unicode.Scalar] {
        let folded = String(decoding: Normalizer.normalize(title).folded, as: UTF8.self).lowercased()
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(folded.unicodeScalars.count)
        var pendingSpace = false
        for scalar in folded.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(scalar)
            } else {
                pendingSpace = true
            }
        }
        return out
    }

    /// The Sørensen–Dice coefficient of the character bigrams of `a` and `b` after ``comparable(_:)``,
    /// in `0...1` (1 for identical comparable titles).
    public static func score(_ a: String, _ b: String) -> Double {
        let x = comparable(a), y = comparable(b)
        guard x.count >= 2, y.count >= 2 else { return x == y ? 1 : 0 }
        var counts: [UInt64: Int] = [:]
        for i in 0..<(x.count - 1) {
            counts[bigram(x[i], x[i + 1]), default: 0] += 1
        }
        var shared = 0
        for i in 0..<(y.count - 1) {
            let key = bigram(y[i], y[i + 1])
            if let n = counts[key], n > 0 {
                counts[key] = n - 1
                shared += 1
            }
        }
        return Double(2 * shared) / Double(x.count - 1 + y.count - 1)
    }

    /// Whether `a` and `b` are similar enough to be one article edited (``score(_:_:)`` ≥ ``updateThreshold``).
    public static func isUpdate(_ a: String, _ b: String) -> Bool {
        score(a, b) >= updateThreshold
    }

    private static func bigram(_ first: Unicode.Scalar, _ second: Unicode.Scalar) -> UInt64 {
        UInt64(first.value) << 32 | UInt64(second.value)
    }
}
