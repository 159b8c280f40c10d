/// The whitespace rule of extracted text (pages, plain text, Markdown, JSON articles): which
/// characters collapse into one space inside a line, and which are dropped.
///
/// Feed titles and descriptions keep to its ASCII part (``UTF8Bytes/isCollapsible(_:)``): NBSP and
/// the other Unicode spaces stay as the publisher wrote them, as feedparser and gofeed keep them
/// (feedparser's `entities/nbsp.xml` and `entities/160.xml` expect `testing \xa0 entity`). Matching
/// is the same either way, because the normaliser folds every Unicode space into one (DESIGN §5,
/// ``Normalizer``), and so are item keys, edit lookups and story words, which all hash or compare
/// the normalised text (`FeedParserCaseTests.noBreakSpaceInATitleKeepsTheItemKey`).
enum Whitespace {
    /// Whether a scalar counts as collapsible whitespace: ASCII space, tab, LF, VT, FF, CR, and the
    /// Unicode spaces that HTML and editors produce (U+00A0 no-break space, U+1680, U+2000–U+200A,
    /// U+2028, U+2029, U+202F, U+205F, U+3000). NBSP stays content only inside words, so it too
    /// collapses into one space.
    @inline(__always)
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// Scalars removed outright: U+FEFF (BOM / zero-width no-break space) and U+00AD (soft hyphen),
    /// which are invisible and would split words.
    @inline(__always)
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0xFEFF || scalar.value == 0xAD
    }
}
