import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Turns bytes of unknown or declared encoding into a `String`, the way browsers do
/// (WHATWG Encoding Standard) rather than the way `String(data:encoding:)` does.
///
/// Order of evidence: a byte order mark, then the declared charset (HTTP `charset=`, XML
/// declaration, `<meta charset>` — the caller passes them in that order), then UTF-8. Invalid
/// UTF-8 sequences are read byte by byte as Windows-1252 (0x92 → U+2019), never as U+FFFD or C1
/// controls. Labels map to encodings through the WHATWG label table (``encoding(forLabel:)``).
public enum CharsetDecoder {
    /// The encodings this decoder distinguishes itself; anything else goes through iconv.
    public enum Encoding: Sendable, Hashable {
        case utf8
        case utf16LE
        case utf16BE
        case windows1252
        /// Any other label glibc's iconv knows (`koi8-r`, `gb2312`, `shift_jis`, `euc-kr`, …).
        case other(String)
    }

    /// The result of decoding: the text, and which encoding was used and why.
    public struct Decoded: Sendable {
        public var text: String
        public var encoding: Encoding
        /// Number of bytes that were not valid in the chosen encoding: read as Windows-1252 in
        /// UTF-8, U+FFFD in an encoding decoded through iconv.
        public var invalidBytes: Int
    }

    /// The encoding announced by a byte order mark, and the mark's length in bytes.
    public static func byteOrderMark(_ bytes: [UInt8]) -> (Encoding, Int)? {
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { return (.utf8, 3) }
        if bytes.count >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE { return (.utf16LE, 2) }
        if bytes.count >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF { return (.utf16BE, 2) }
        return nil
    }

    /// Maps a charset label to an encoding: through the WHATWG Encoding Standard's label table
    /// (``EncodingLabels``, "get an encoding"), so `iso-8859-1`, `latin1` and `ascii` are
    /// Windows-1252 and `gb2312` is GBK (decoded as GB18030), as in a browser. Surrounding quotes and
    /// spaces are ignored. A label outside the table is taken when glibc's iconv knows it (an XML
    /// declaration may name any IANA charset). `x-user-defined` is read as Windows-1252; the
    /// standard's "replacement" encoding (`iso-2022-kr`, `hz-gb-2312`, …), which would turn the
    /// whole text into one U+FFFD, is no encoding here (`nil`), so that the text is read on.
    /// - Returns: `nil` for an empty label or one that is neither in the table nor known to iconv.
    public static func encoding(forLabel label: String) -> Encoding? {
        let l = asciiLowercasedUntrimmed(label)
            ?? label.trimmingCharacters(in: CharacterSet(charactersIn: "\"' \t\n\r\u{0C}")).lowercased()
        guard !l.isEmpty else { return nil }
        if let name = EncodingLabels.name(forLabel: l.utf8) { return encoding(named: name) }
        return iconvKnows(l) ? .other(l) : nil
    }

    /// `label` lower-cased when it is ASCII and neither starts nor ends with a byte that
    /// ``encoding(forLabel:)`` trims (quotes, space, tab, LF, CR, FF): the usual label, read
    /// without a `CharacterSet` (making one for every page cost more than parsing it). Else `nil`.
    private static func asciiLowercasedUntrimmed(_ label: String) -> String? {
        let utf8 = label.utf8
        func trimmed(_ b: UInt8) -> Bool { b == 0x22 || b == 0x27 || b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C }
        guard let first = utf8.first, let last = utf8.last, !trimmed(first), !trimmed(last), utf8.allSatisfy({ $0 < 0x80 })
        else { return nil }
        return String(decoding: utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    /// The decoder for a WHATWG encoding name (``EncodingLabels/table``), or `nil` for
    /// "replacement" and for an encoding glibc's iconv lacks.
    static func encoding(named name: String) -> Encoding? {
        switch name {
        case "utf-8": return .utf8
        case "utf-16le": return .utf16LE
        case "utf-16be": return .utf16BE
        case "windows-1252", "x-user-defined": return .windows1252
        case "replacement": return nil
        default:
            let iconvName = EncodingLabels.iconvName(forEncoding: name)
            return iconvKnows(iconvName) ? .other(iconvName) : nil
        }
    }

    /// Decodes `bytes`.
    ///
    /// - Parameters:
    ///   - bytes: the raw content.
    ///   - declared: charset labels in order of precedence (e.g. HTTP header, then XML declaration);
    ///     the first one recognised wins. A BOM overrides them all.
    /// - Returns: the text without the BOM.
    public static func decode(_ bytes: [UInt8], declared: [String?] = []) -> Decoded {
        let (encoding, mark) = encodingAndMark(bytes, declared: declared)
        return decode(mark == 0 ? bytes : Array(bytes[mark...]), as: encoding)
    }

    /// ``decode(_:declared:)``'s text without the U+FEFF characters it starts with: after the byte
    /// order mark, pages and exported text files often repeat one (or write one in a declared
    /// charset that is not the BOM's), and a leading U+FEFF would start the first line or the title.
    public static func decodeText(_ bytes: [UInt8], declared: [String?] = []) -> String {
        var text = decode(bytes, declared: declared).text
        while text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        return text
    }

    /// ``decodeText(_:declared:)`` as UTF-8 bytes, without making a `String`: valid UTF-8 (the
    /// usual case) is returned as a slice of `bytes` itself, without its byte order mark and the
    /// U+FEFF characters that follow; anything else is decoded as ``decode(_:declared:)`` does.
    public static func decodeTextUTF8(_ bytes: [UInt8], declared: [String?] = []) -> ArraySlice<UInt8> {
        let (text, needsRepair) = textUTF8(bytes, declared: declared)
        return needsRepair ? ArraySlice(text.withUnsafeBufferPointer { UTF8Repair.repaired($0).bytes }) : text
    }

    /// ``decodeTextUTF8(_:declared:)`` before the repair of invalid UTF-8 (``UTF8Repair``): the
    /// bytes, and whether they still need it (text read as UTF-8 that is not valid). Repairing
    /// them gives ``decodeTextUTF8(_:declared:)``'s bytes: the U+FEFF characters dropped at the
    /// start are valid sequences that the repair keeps, and no repaired byte becomes one.
    static func textUTF8(_ bytes: [UInt8], declared: [String?]) -> (bytes: ArraySlice<UInt8>, needsRepair: Bool) {
        var text: ArraySlice<UInt8>
        var needsRepair = false
        switch encodingAndMark(bytes, declared: declared) {
        case (.utf8, let mark):
            text = bytes[mark...]
            needsRepair = !text.withUnsafeBufferPointer({ UTF8Bytes.isValidUTF8($0) })
        case (let encoding, let mark):
            text = ArraySlice(decode(mark == 0 ? bytes : Array(bytes[mark...]), as: encoding).text.utf8)
        }
        while text.count >= 3, text[text.startIndex] == 0xEF, text[text.startIndex + 1] == 0xBB, text[text.startIndex + 2] == 0xBF {
            text = text.dropFirst(3)
        }
        return (text, needsRepair)
    }

    /// The encoding ``decode(_:declared:)`` reads `bytes` in, and the length of the byte order mark
    /// it skips first.
    static func encodingAndMark(_ bytes: [UInt8], declared: [String?]) -> (Encoding, Int) {
        if let (enc, length) = byteOrderMark(bytes) { return (enc, length) }
        // UTF-16 without a BOM: "<?" as 3C 00 3F 00 or 00 3C 00 3F (XML 1.0 Appendix F).
        if bytes.count >= 4 {
            if bytes[0] == 0x3C && bytes[1] == 0 && bytes[2] == 0x3F && bytes[3] == 0 { return (.utf16LE, 0) }
            if bytes[0] == 0 && bytes[1] == 0x3C && bytes[2] == 0 && bytes[3] == 0x3F { return (.utf16BE, 0) }
        }
        for label in declared {
            guard let label, let enc = encoding(forLabel: label) else { continue }
            // A document that declares UTF-16 but reached us as 8-bit text (no BOM, no NULs) is not UTF-16.
            if case .utf16LE = enc, !bytes.contains(0) { continue }
            if case .utf16BE = enc, !bytes.contains(0) { continue }
            return (enc, 0)
        }
        return (.utf8, 0)
    }

    /// Decodes `bytes` in the given encoding, without BOM detection.
    public static func decode(_ bytes: [UInt8], as encoding: Encoding) -> Decoded {
        switch encoding {
        case .utf8:
            return decodeUTF8(bytes)
        case .windows1252:
            var scalars = String.UnicodeScalarView()
            for b in bytes { scalars.append(windows1252Scalar(b)) }
            return Decoded(text: String(scalars), encoding: .windows1252, invalidBytes: 0)
        case .utf16LE, .utf16BE:
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2)
            var i = 0
            while i + 1 < bytes.count {
                let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
                units.append(encoding == .utf16LE ? (a | b << 8) : (a << 8 | b))
                i += 2
            }
            return Decoded(text: String(decoding: units, as: UTF16.self), encoding: encoding, invalidBytes: 0)
        case .other(let label):
            if let (text, invalid) = iconvDecode(bytes, from: label) {
                return Decoded(text: text, encoding: encoding, invalidBytes: invalid)
            }
            var fallback = decodeUTF8(bytes)
            fallback.encoding = .utf8
            return fallback
        }
    }

    /// UTF-8 where valid; each byte of an invalid sequence read as Windows-1252 (``UTF8Repair``).
    static func decodeUTF8(_ bytes: [UInt8]) -> Decoded {
        if let s = String(validating: bytes, as: UTF8.self) {
            return Decoded(text: s, encoding: .utf8, invalidBytes: 0)
        }
        let (repaired, invalid) = bytes.withUnsafeBufferPointer { UTF8Repair.repaired($0) }
        return Decoded(text: String(decoding: repaired, as: UTF8.self), encoding: .utf8, invalidBytes: invalid)
    }

    /// The Windows-1252 reading of one byte (WHATWG index; the five unassigned bytes map to C1 controls).
    public static func windows1252Scalar(_ b: UInt8) -> Unicode.Scalar {
        if b < 0x80 || b >= 0xA0 { return Unicode.Scalar(b) }
        return Unicode.Scalar(windows1252High[Int(b - 0x80)])!
    }

    private static let windows1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    private static func iconvKnows(_ label: String) -> Bool {
        let cd = iconv_open("UTF-8", label)
        if cd == iconv_t(bitPattern: -1) { return false }
        iconv_close(cd)
        return true
    }

    /// Decodes through glibc's iconv. Each byte that starts no valid sequence becomes U+FFFD and
    /// decoding goes on with the next byte (as the WHATWG Encoding Standard's decoders do in
    /// replacement mode); a sequence cut off at the end becomes one U+FFFD.
    ///
    /// Not `//IGNORE`: glibc then skips an invalid sequence itself but still reports `EILSEQ`, and
    /// skipping one more byte on that report dropped the valid character after it ("A\u{FF}BC" in
    /// EUC-KR read "AC"); and the text lost gave no sign.
    /// - Returns: the text and the number of invalid bytes, or `nil` when iconv cannot open `label`.
    static func iconvDecode(_ bytes: [UInt8], from label: String) -> (text: String, invalidBytes: Int)? {
        let cd = iconv_open("UTF-8", label)
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }
        var input = bytes
        // Every input byte gives at most 4 output bytes, a replacement character 3.
        var output = [UInt8](repeating: 0, count: bytes.count * 4 + 16)
        var invalid = 0
        let produced: Int = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var outLeft = outBuf.count
                func replacement() {
                    guard outLeft >= 3, let p = outPtr else { return }
                    p[0] = CChar(bitPattern: 0xEF); p[1] = CChar(bitPattern: 0xBF); p[2] = CChar(bitPattern: 0xBD)
                    outPtr = p + 3
                    outLeft -= 3
                }
                while inLeft > 0 {
                    if iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) != -1 { continue }
                    let error = errno
                    if error == EILSEQ {
                        replacement()
                        invalid += 1
                        inPtr = inPtr.map { $0 + 1 }
                        inLeft -= 1
                    } else if error == EINVAL {
                        replacement()
                        invalid += inLeft
                        inLeft = 0
                    } else {
                        break
                    }
                }
                return outBuf.count - outLeft
            }
        }
        return (String(decoding: output[0..<produced], as: UTF8.self), invalid)
    }
}
