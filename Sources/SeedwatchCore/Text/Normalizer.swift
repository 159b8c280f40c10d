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
        var out = NormalizedText(bytes: [], folded: [], originalOffsets: [])
        let utf8Count = text.utf8.count
        out.bytes.reserveCapacity(utf8Count)
        out.folded.reserveCapacity(utf8Count)
        out.originalOffsets.reserveCapacity(utf8Count + 1)
        var pendingSpace = false
        var pendingSpaceOffset: Int32 = 0
        var cache: [String: [Unicode.Scalar]] = [:]

        func emit(_ scalar: Unicode.Scalar, at offset: Int32) {
            if scalar == " " {
                if !pendingSpace { pendingSpaceOffset = offset }
                pendingSpace = true
                return
            }
            if pendingSpace {
                if !out.bytes.isEmpty {
                    out.bytes.append(0x20)
                    out.folded.append(0x20)
                    out.originalOffsets.append(pendingSpaceOffset)
                }
                pendingSpace = false
            }
            let v = scalar.value
            if v < 0x80 {
                let b = UInt8(v)
                out.bytes.append(b)
                out.folded.append(foldASCII(b))
                out.originalOffsets.append(offset)
                return
            }
            let encoded = Array(String(scalar).utf8)
            var foldedEncoded = encoded
            if scalar.properties.changesWhenLowercased {
                let lower = scalar.properties.lowercaseMapping
                let lowerBytes = Array(lower.utf8)
                if lowerBytes.count == encoded.count { foldedEncoded = lowerBytes }
            }
            out.bytes.append(contentsOf: encoded)
            out.folded.append(contentsOf: foldedEncoded)
            for _ in 0..<encoded.count { out.originalOffsets.append(offset) }
        }

        var offset = 0
        for character in text {
            let characterStart = Int32(offset)
            let scalars = character.unicodeScalars
            // Fast path: a single ASCII scalar.
            if scalars.count == 1, let first = scalars.first, first.isASCII {
                offset += 1
                switch first.value {
                case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20: emit(" ", at: characterStart)
                case 0x60: emit("'", at: characterStart)
                default: emit(first, at: characterStart)
                }
                continue
            }
            var utf8Length = 0
            for s in scalars { utf8Length += UTF8.width(s) }
            offset += utf8Length
            let key = String(character)
            let mapped: [Unicode.Scalar]
            if let hit = cache[key] {
                mapped = hit
            } else {
                mapped = normalizeCharacter(character)
                cache[key] = mapped
            }
            for s in mapped { emit(s, at: characterStart) }
        }
        out.originalOffsets.append(Int32(utf8Count))
        return out
    }

    /// Normalises an alias, exclusion or topic term: the same rules as text (DESIGN §5).
    public static func normalizeAlias(_ alias: String) -> NormalizedText {
        normalize(alias)
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
