/// A set of the languages seedwatch knows (ISO 639-1 codes), as a bit mask: the languages an alias
/// or topic term is written in. The empty set means "every language" (an untagged alias).
public struct LanguageSet: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The languages, in bit order: the six of the matcher's stop-word profiles, then the four
    /// told apart by their script.
    public static let codes = ["en", "es", "pt", "fr", "de", "it", "ru", "ko", "zh", "ja"]

    /// One bit per entry of ``codes``.
    public var mask: UInt16

    public init(mask: UInt16 = 0) { self.mask = mask }

    /// The set of the given ISO 639-1 codes, or `nil` when a code is not one of ``codes``.
    public init?(codes: [String]) {
        var mask: UInt16 = 0
        for code in codes {
            guard let bit = Self.bit(code) else { return nil }
            mask |= bit
        }
        self.mask = mask
    }

    /// The bit of one ISO 639-1 code, or `nil` for a language outside ``codes``.
    public static func bit(_ code: String) -> UInt16? {
        Self.codes.firstIndex(of: code).map { UInt16(1) << UInt16($0) }
    }

    /// True for the empty set: an alias that applies in every language.
    public var isEmpty: Bool { mask == 0 }

    /// The codes in the set, in the order of ``codes``.
    public var members: [String] {
        Self.codes.indices.filter { mask & (1 << UInt16($0)) != 0 }.map { Self.codes[$0] }
    }

    public func union(_ other: LanguageSet) -> LanguageSet { LanguageSet(mask: mask | other.mask) }

    /// Whether an alias or term with this set applies to an article in `language`
    /// (a code from ``LanguageDetector``): always when the set is empty or the language undetected.
    public func applies(to language: String?) -> Bool {
        guard mask != 0, let language, let bit = Self.bit(language) else { return true }
        return mask & bit != 0
    }

    public var description: String { isEmpty ? "all" : members.joined(separator: ",") }
}
