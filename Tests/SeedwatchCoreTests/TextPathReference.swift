import Foundation
@testable import SeedwatchCore

/// The text path as it was written before the byte-level rewrite of issue 15 (per-`Character`
/// line splitting, scalar-by-scalar collapsing, one offset per normalised byte), kept verbatim as
/// the reference the rewrite must equal byte for byte: the speed work changes no match.
enum TextPathReference {
    // MARK: lines

    static func collapse<S: StringProtocol>(_ line: S) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in line.unicodeScalars {
            if Whitespace.isInvisible(scalar) { continue }
            if Whitespace.isSpace(scalar) {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.append(scalar)
        }
        return String(out)
    }

    static func cleanLines(_ text: String) -> [String] {
        text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .map(collapse)
            .filter { !$0.isEmpty }
    }

    static func joinParagraph(_ lines: [String]) -> String {
        var out = ""
        for line in lines {
            guard !out.isEmpty else { out = line; continue }
            guard endsWithWordHyphen(out), let next = line.unicodeScalars.first else {
                out += " " + line
                continue
            }
            if next.properties.isLowercase { out.unicodeScalars.removeLast() }
            out += line
        }
        return out
    }

    static func endsWithWordHyphen(_ line: String) -> Bool {
        let scalars = line.unicodeScalars
        guard let last = scalars.last, last == "-" || last.value == 0x2010 else { return false }
        let beforeLast = scalars.index(before: scalars.endIndex)
        guard beforeLast > scalars.startIndex else { return false }
        return scalars[scalars.index(before: beforeLast)].properties.isAlphabetic
    }

    static func paragraphs(_ text: String) -> [String] {
        var result: [String] = []
        var current: [String] = []
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            let line = collapse(raw)
            if line.isEmpty {
                if !current.isEmpty { result.append(joinParagraph(current)); current.removeAll() }
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { result.append(joinParagraph(current)) }
        return result
    }

    static func plainText(_ text: String) -> Article {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })[...]
        var title = ""
        while let first = lines.first {
            lines.removeFirst()
            title = collapse(first)
            if !title.isEmpty { break }
        }
        guard !title.isEmpty else { return Article(title: "", body: "") }
        return Article(title: title, body: paragraphs(lines.joined(separator: "\n")).joined(separator: "\n"))
    }

    // MARK: normaliser

    struct Normalized: Equatable {
        var bytes: [UInt8]
        var folded: [UInt8]
        var originalOffsets: [Int32]
    }

    static func normalize(_ text: String) -> Normalized {
        let bytes = Array(text.utf8)
        let n = bytes.count
        var out = Output(capacity: n)
        var cache: [String: [Unicode.Scalar]] = [:]
        var i = 0
        while i < n {
            let b = bytes[i]
            if b < 0x80 && !(i + 1 < n && bytes[i + 1] >= 0x80 && extendsPrevious(bytes, at: i + 1)) {
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
                mapped = Normalizer.normalizeCharacter(character)
                cache[key] = mapped
            }
            for s in mapped { out.emit(s, at: at) }
        }
        out.result.originalOffsets.append(Int32(n))
        return out.result
    }

    struct Output {
        var result: Normalized
        var pendingSpace = false
        var pendingSpaceOffset: Int32 = 0

        init(capacity: Int) {
            result = Normalized(bytes: [], folded: [], originalOffsets: [])
        }

        mutating func flushSpace() {
            guard pendingSpace else { return }
            if !result.bytes.isEmpty {
                result.bytes.append(0x20)
                result.folded.append(0x20)
                result.originalOffsets.append(pendingSpaceOffset)
            }
            pendingSpace = false
        }

        mutating func space(at offset: Int32) {
            if !pendingSpace { pendingSpaceOffset = offset }
            pendingSpace = true
        }

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

    static func extendsPrevious(_ bytes: [UInt8], at i: Int) -> Bool {
        bytes.withUnsafeBufferPointer { Normalizer.extendsPrevious($0.baseAddress!, bytes.count, at: i) }
    }

    /// The reference's original range of normalised bytes `start..<end`.
    static func originalRange(_ n: Normalized, _ start: Int, _ end: Int) -> Range<Int> {
        let lo = Int(n.originalOffsets[start])
        let last = Int(n.originalOffsets[end - 1])
        var k = end
        while k < n.originalOffsets.count - 1 && Int(n.originalOffsets[k]) == last { k += 1 }
        return lo..<Int(n.originalOffsets[k])
    }
}
