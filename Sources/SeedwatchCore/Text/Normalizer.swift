import Foundation

/// Text after the normaliser of DESIGN §5, with a map back to the original UTF-8 byte offsets.
///
/// `bytes` and `folded` have the same length, byte for byte: `folded` differs only in letter case
/// and in `-` being a space, so a match found in `folded` can be checked against `bytes` for
/// case-sensitive aliases at the same offsets.
public struct NormalizedText: Sendable {
    /// The normalised text, UTF-8: apostrophes unified, NFKC, invisible characters removed, runs of
    /// spaces collapsed to one space, dashes as `-`.
    public var bytes: [UInt8]
    /// `bytes` with letters lower-cased (only where the lower-case form has the same UTF-8 length)
    /// and `-` replaced by a space, so that "Kim Jong-un" and "kim jong un" compare equal.
    public var folded: [UInt8]
    /// For each byte of `bytes`, the UTF-8 byte offset in the original text of the character that
    /// produced it; one extra final entry holds the original text's length in bytes.
    public var originalOffsets: [Int32]

    /// The original UTF-8 byte range covered by the normalised byte range `start..<end`.
    public func originalRange(_ start: Int, _ end: Int) -> Range<Int> {
        let lo = Int(originalOffsets[start])
        let last = Int(originalOffsets[end - 1])
        var k = end
        while k < originalOffsets.count - 1 && Int(originalOffsets[k]) == last { k += 1 }
        return lo..<Int(originalOffsets[k])
    }
}

/// The one normaliser that both text and aliases pass through (DESIGN §5), in this order:
/// apostrophes (U+2019, U+2018, U+02BC, U+02BB, U+FF07, U+00B4, U+0060) → `'`; Unicode NFKC;
/// soft hyphen (U+00AD), U+2060, U+FEFF and U+200B–U+200D removed; NBSP, U+202F and every other
/// white space → one space (runs collapse, leading and trailing space dropped); hyphens and dashes
/// (U+2010–U+2015, U+2212) → `-`. Case folding is applied only to ``NormalizedText/folded``.
public enum Normalizer {
    /// Normalises `text`.
    /// - Parameter text: any string; its UTF-8 offsets are what ``NormalizedText/originalOffsets`` refers to.
    /// - Returns: the normalised bytes, their folded twin and the offset map.
    public static func normalize(_ text: String) -> NormalizedText {
        let bytes = Array(text.utf8)
        let n = bytes.count
        var out = Output(capacity: n)
        var cache: [String: [Unicode.Scalar]] = [:]
        // Walk the UTF-8 bytes: an ASCII byte that no combining mark follows is a whole character
        // and takes the fast path; anything else is read as a grapheme cluster (Character).
        var i = 0
        while i < n {
            let b = bytes[i]
            if b < 0x80 && !(i + 1 < n && bytes[i + 1] >= 0x80 && Self.extendsPrevious(bytes, at: i + 1)) {
                out.emitASCII(b, at: Int32(i))
                i += 1
                continue
            }
            let character = text[text.utf8.index(text.utf8.startIndex, offsetBy: i)]
            let length = character.utf8.count
            let at = Int32(i)
            i += max(1, length)
            let key = String(character)
            let mapped: [Unicode.Scalar]
            if let hit = cache[key] {
                mapped = hit
            } else {
                mapped = normalizeCharacter(character)
                cache[key] = mapped
            }
            for s in mapped { out.emit(s, at: at) }
        }
        out.result.originalOffsets.append(Int32(n))
        return out.result
    }

    /// The normalised output under construction: runs of spaces are held back and written as one
    /// space before the next non-space (never at the start or the end).
    struct Output {
        var result: NormalizedText
        var pendingSpace = false
        var pendingSpaceOffset: Int32 = 0

        init(capacity: Int) {
            result = NormalizedText(bytes: [], folded: [], originalOffsets: [])
            result.bytes.reserveCapacity(capacity)
            result.folded.reserveCapacity(capacity)
            result.originalOffsets.reserveCapacity(capacity + 1)
        }

        @inline(__always)
        mutating func flushSpace() {
            guard pendingSpace else { return }
            if !result.bytes.isEmpty {
                result.bytes.append(0x20)
                result.folded.append(0x20)
                result.originalOffsets.append(pendingSpaceOffset)
            }
            pendingSpace = false
        }

        @inline(__always)
        mutating func space(at offset: Int32) {
            if !pendingSpace { pendingSpaceOffset = offset }
            pendingSpace = true
        }

        /// One ASCII character: white space becomes a (pending) space, the backtick an apostrophe.
        @inline(__always)
        mutating func emitASCII(_ b: UInt8, at offset: Int32) {
            switch b {
            case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20:
                space(at: offset)
            default:
                flushSpace()
                let c: UInt8 = b == 0x60 ? 0x27 : b
                result.bytes.append(c)
                result.folded.append(Normalizer.foldASCII(c))
                result.originalOffsets.append(offset)
            }
        }

        /// One already-normalised scalar.
        mutating func emit(_ scalar: Unicode.Scalar, at offset: Int32) {
            if scalar.value < 0x80 {
                emitASCII(UInt8(scalar.value), at: offset)
                return
            }
            flushSpace()
            let encoded = Array(String(scalar).utf8)
            var foldedEncoded = encoded
            if scalar.properties.changesWhenLowercased {
                let lowerBytes = Array(scalar.properties.lowercaseMapping.utf8)
                if lowerBytes.count == encoded.count { foldedEncoded = lowerBytes }
            }
            result.bytes.append(contentsOf: encoded)
            result.folded.append(contentsOf: foldedEncoded)
            for _ in 0..<encoded.count { result.originalOffsets.append(offset) }
        }
    }

    /// Normalises an alias, exclusion or topic term: the same rules as text (DESIGN §5).
    public static func normalizeAlias(_ alias: String) -> NormalizedText {
        normalize(alias)
    }

    /// Whether the scalar starting at byte `i` extends the character before it (a combining mark,
    /// a variation selector or a zero-width joiner), so that the two must be read as one cluster.
    static func extendsPrevious(_ bytes: [UInt8], at i: Int) -> Bool {
        let b0 = bytes[i]
        var v: UInt32
        if b0 & 0xE0 == 0xC0, i + 1 < bytes.count {
            v = UInt32(b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
        } else if b0 & 0xF0 == 0xE0, i + 2 < bytes.count {
            v = UInt32(b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
        } else if b0 & 0xF8 == 0xF0, i + 3 < bytes.count {
            v = UInt32(b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6 | UInt32(bytes[i + 3] & 0x3F)
        } else {
            return false
        }
        guard let scalar = Unicode.Scalar(v) else { return false }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return v == 0x200D || (0xFE00...0xFE0F).contains(v) || (0xE0100...0xE01EF).contains(v)
        }
    }

    @inline(__always)
    static func foldASCII(_ b: UInt8) -> UInt8 {
        if b >= 0x41 && b <= 0x5A { return b | 0x20 }
        if b == 0x2D { return 0x20 }  // '-' and ' ' are interchangeable inside aliases
        return b
    }

    /// The normalised scalars of one grapheme cluster (without the ASCII fast path's cases).
    static func normalizeCharacter(_ character: Character) -> [Unicode.Scalar] {
        // 1. apostrophes
        var step1 = String.UnicodeScalarView()
        for s in character.unicodeScalars {
            step1.append(isApostrophe(s) ? "'" : s)
        }
        // 2. NFKC
        let nfkc = String(step1).precomposedStringWithCompatibilityMapping
        // 3–5. invisible characters, white space, dashes
        var result: [Unicode.Scalar] = []
        for s in nfkc.unicodeScalars {
            switch s.value {
            case 0x00AD, 0x2060, 0xFEFF, 0x200B, 0x200C, 0x200D:
                continue
            case 0x2010...0x2015, 0x2212:
                result.append("-")
            default:
                if isApostrophe(s) {
                    result.append("'")
                } else if s.properties.isWhitespace || s.value == 0x0085 {
                    result.append(" ")
                } else {
                    result.append(s)
                }
            }
        }
        return result
    }

    @inline(__always)
    static func isApostrophe(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x2019, 0x2018, 0x02BC, 0x02BB, 0xFF07, 0x00B4, 0x0060: return true
        default: return false
        }
    }
}
