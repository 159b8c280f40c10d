import Foundation

/// Word wrapping for the terminal: lines break only at spaces, never inside a word or a number;
/// a word wider than the line stands alone on its line.
///
/// Widths are terminal columns: one per character, two for East Asian wide characters (Han,
/// Hangul, Kana, full-width forms: Unicode UAX #11 W/F, approximated by block).
public enum TextWrapper {
    /// Wraps `text` (one paragraph, no newlines) to `width` columns. The first line starts after a
    /// `firstPrefix`; continuation lines start with `indent` spaces. With `width` `nil` nothing is wrapped.
    /// - Returns: the lines, without their prefixes' text except the indentation of continuations.
    public static func wrap(_ text: String, width: Int?, firstColumn: Int, indent: Int) -> [String] {
        guard let width, width > indent + 8 else { return [text] }
        var lines: [String] = []
        var current = ""
        var column = firstColumn
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let w = columns(word)
            if current.isEmpty {
                current = String(word)
                column += w
            } else if column + 1 + w <= width {
                current += " " + word
                column += 1 + w
            } else {
                lines.append(current)
                current = String(repeating: " ", count: indent) + word
                column = indent + w
            }
        }
        lines.append(current)
        return lines
    }

    /// The terminal columns `text` takes.
    public static func columns(_ text: some StringProtocol) -> Int {
        text.unicodeScalars.reduce(0) { $0 + (isWide($1) ? 2 : (isZeroWidth($1) ? 0 : 1)) }
    }

    static func isWide(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA960...0xA97F,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    static func isZeroWidth(_ s: Unicode.Scalar) -> Bool {
        s.properties.generalCategory == .nonspacingMark || s.properties.generalCategory == .enclosingMark
            || s.value == 0x200B || s.value == 0x200C || s.value == 0x200D || s.value == 0xFEFF
    }
}
