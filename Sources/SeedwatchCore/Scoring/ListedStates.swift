/// Tells two state mentions of one sentence that are items of one list ("ties with China, the West
/// and Russia", "sanctions on Iran, Russia and China") from two states that act together ("Russia
/// and China vetoed …", "Putin and Kim signed …"). A list names the states side by side; it says
/// nothing about relations between them, so the core pattern does not count it (``ScoreRule/listedStates``).
///
/// The rule, on the text between the two mentions (the gap): the gap holds no line break and at
/// most 6 words (9 when it holds two or more commas), each either a list word (`and`, `or`, Italian `e`, `ed`, `o`, `oppure`, `the`, `as well as`, and the
/// hedges `possibly`, `perhaps`, `probably`, `maybe`, `even`) or a capitalised name;
/// and the list has at least three items: a name inside the gap ("China, *the West* and Russia"),
/// a capitalised name followed by a comma just before the first mention ("Iran, Russia and China"),
/// or a comma or `and`/`or` and a capitalised name or "others" just after the second ("Russia, China and Iran",
/// "China, Russia and others").
/// Entries of a ranking after a colon are list items too (``isRanking(utf8:before:)``).
public enum ListedStates {
    /// Whether the mentions at `first` and `second` (UTF-8 byte ranges into `text`, `first` before
    /// `second`, not overlapping) are items of one list of three or more.
    public static func areListItems(_ text: String, _ first: Range<Int>, _ second: Range<Int>) -> Bool {
        areListItems(utf8: ExtractedTextBytes(text: text), first, second)
    }

    /// The same on the text's UTF-8 bytes (what the scorer passes: the article's text in place, ``ExtractedTextBytes``).
    static func areListItems(utf8: ExtractedTextBytes, _ first: Range<Int>, _ second: Range<Int>) -> Bool {
        // Six short words and their commas fit in 120 bytes; a longer gap is no list.
        guard first.upperBound <= second.lowerBound, second.upperBound <= utf8.count,
              second.lowerBound - first.upperBound <= 120 else { return false }
        let gap = String(decoding: utf8[first.upperBound..<second.lowerBound], as: UTF8.self)
        if gap.contains("\n") { return false }
        if isRanking(utf8: utf8, before: first) { return true }
        let gapWords = words(gap)
        // An enumeration with two or more commas in the gap may hold up to 9 words ("Russia, China,
        // Japan, South Korea, India and possibly North Korea").
        guard gapWords.count <= (gap.filter({ $0 == "," }).count >= 2 ? 9 : 6) else { return false }
        for word in gapWords where !listWords.contains(word.lowercased()) && !isCapitalised(word) { return false }
        // Items inside the gap: parts between commas and and/or that hold a capitalised name.
        var items = 2
        var part: [Substring] = []
        func closePart() {
            if part.contains(where: { isCapitalised($0) && !listWords.contains($0.lowercased()) }) { items += 1 }
            part = []
        }
        for token in tokens(gap) {
            if token == "," || conjunctions.contains(token.lowercased()) { closePart() } else { part.append(token) }
        }
        closePart()
        if items >= 3 { return true }
        // A third item before the first mention: "Iran, Russia and China".
        let before = tokens(String(decoding: utf8[max(0, first.lowerBound - 60)..<first.lowerBound], as: UTF8.self))
        if before.count >= 2, before[before.count - 1] == ",", isCapitalised(before[before.count - 2]) { return true }
        // A third item after the second: "Russia, China and Iran", "Russia and China, Iran".
        var after = tokens(String(decoding: utf8[second.upperBound..<min(utf8.count, second.upperBound + 60)], as: UTF8.self))[...]
        guard let next = after.first, next == "," || conjunctions.contains(next.lowercased()) else { return false }
        after = after.dropFirst()
        while let t = after.first, t == "," || listJoiners.contains(t.lowercased()) { after = after.dropFirst() }
        // "China, Russia and others": a list left open is a list of three or more.
        return after.first.map { isCapitalised($0) || $0.lowercased() == "others" } ?? false
    }

    /// Whether the mention at `first` is an entry of a ranking: a colon before it in its sentence, and
    /// before the colon a word of ranking (``rankingWords``: "The largest economies: the US, China,
    /// Russia …", "Eserciti più potenti del mondo: Usa, Russia e Ucraina sul podio poi Cina"). A
    /// ranking names states by rank, not acting together, whatever stands between them.
    static func isRanking(utf8: ExtractedTextBytes, before first: Range<Int>) -> Bool {
        let bytes = utf8[max(0, first.lowerBound - 160)..<first.lowerBound]
        // No colon byte, no colon `Character` (decoding adds none): most windows end here, unsplit.
        guard bytes.contains(0x3A) else { return false }
        let window = String(decoding: bytes, as: UTF8.self)
        // The text since the start of the line or the sentence ("… economies: US, China. China and Russia …").
        var line = Substring(window.split(separator: "\n", omittingEmptySubsequences: false).last ?? "")
        var i = line.endIndex
        while i > line.startIndex {
            let previous = line.index(before: i)
            if i < line.endIndex, line[i] == " ", ".?!".contains(line[previous]) { line = line[i...]; break }
            i = previous
        }
        guard let colon = line.lastIndex(of: ":") else { return false }
        return words(String(line[..<colon])).contains { rankingWords.contains($0.lowercased()) }
    }

    /// Words that introduce a ranking, in en, fr, es, pt, de, it: superlatives of size and power and
    /// the words for a ranking and its podium.
    static let rankingWords: Set<String> = [
        "largest", "biggest", "strongest", "richest", "powerful", "ranking", "rankings", "ranked", "podium",
        "classement", "palmarès", "puissantes", "puissants",
        "clasificación", "mayores", "poderosos", "poderosas",
        "maiores", "classificação",
        "größten", "stärksten", "mächtigsten", "rangliste",
        "classifica", "potenti", "podio",
    ]

    /// Whether the mentions at `first` and `second` are items of one list of four or more — a
    /// comma list ("China, France, Japan, South Korea, Britain and others") that counts its items
    /// across the whole sentence: before the first mention, between the two and after the second.
    /// An alliance acting is named in three or fewer ("US, Japan and South Korea defence chiefs
    /// meet"); a list of four or more names is an enumeration, whatever states it holds.
    static func areLongListItems(utf8: ExtractedTextBytes, _ first: Range<Int>, _ second: Range<Int>) -> Bool {
        guard areListItems(utf8: utf8, first, second) else { return false }
        let gap = tokens(String(decoding: utf8[first.upperBound..<second.lowerBound], as: UTF8.self))
        var items = 2 + itemCount(gap[...])
        // Items before the first mention: "Name ," pairs, read backwards.
        var before = tokens(String(decoding: utf8[max(0, first.lowerBound - 120)..<first.lowerBound], as: UTF8.self))[...]
        while before.count >= 2, before.last == ",", let name = before.dropLast().last, isCapitalised(name), !listWords.contains(name.lowercased()) {
            items += 1
            before = before.dropLast(2)
            while let t = before.last, isCapitalised(t) && !listWords.contains(t.lowercased()) {
                before = before.dropLast()  // the first words of a name of two or more: "South Korea"
            }
            while let t = before.last, listJoiners.contains(t.lowercased()) { before = before.dropLast() }
        }
        // Items after the second mention: ", Name", "and Name", "and others".
        var after = tokens(String(decoding: utf8[second.upperBound..<min(utf8.count, second.upperBound + 120)], as: UTF8.self))[...]
        while let sep = after.first, sep == "," || conjunctions.contains(sep.lowercased()) {
            after = after.dropFirst()
            while let t = after.first, t == "," || listJoiners.contains(t.lowercased()) { after = after.dropFirst() }
            guard let next = after.first, isCapitalised(next) || next.lowercased() == "others" else { break }
            items += 1
            after = after.dropFirst()
            while let t = after.first, isCapitalised(t) { after = after.dropFirst() }  // "South Korea", "the UK"
        }
        return items >= 4
    }

    /// Whether the list that ends with the mention at `last` is the subject of a joint action: after
    /// its remaining items (", Iran", "and Iran"), within the next 5 words of the same sentence, a
    /// word of acting together (``jointWords``: "China, Russia, Iran team up for military exercises",
    /// "China, Russia and Iran are conducting joint military exercises", "Russia, China e Iran
    /// insieme"). States that do one thing together are a coalition acting, not an enumeration,
    /// however many they are; a list that merely names states ("sanctions on Iran, Russia and
    /// China", "threats from China, Russia and others") has no such word after it.
    static func actJointly(utf8: ExtractedTextBytes, after last: Range<Int>) -> Bool {
        guard last.upperBound <= utf8.count else { return false }
        let window = String(decoding: utf8[last.upperBound..<min(utf8.count, last.upperBound + 120)], as: UTF8.self)
        // The rest of the sentence and line only.
        let sentence = window.prefix { !".;:!?\n".contains($0) }
        var rest = tokens(String(sentence))[...]
        // The list's remaining items: ", Name", "and Name", "and the Name".
        while let sep = rest.first, sep == "," || conjunctions.contains(sep.lowercased()) {
            var next = rest.dropFirst()
            while let t = next.first, t == "," || listJoiners.contains(t.lowercased()) { next = next.dropFirst() }
            guard let name = next.first, isCapitalised(name) else { break }
            next = next.dropFirst()
            while let t = next.first, isCapitalised(t) { next = next.dropFirst() }  // "North Korea"
            rest = next
        }
        let following = rest.filter { $0 != "," }.prefix(5).map { $0.lowercased() }
        for (i, word) in following.enumerated() {
            if jointWords.contains(word) { return true }
            // "team up", "teamed up", "join forces", "joined forces"
            if i + 1 < following.count, jointPairs.contains("\(word) \(following[i + 1])") { return true }
        }
        return false
    }

    /// Words of acting together after a list of states (en, it: the languages whose lists are read).
    static let jointWords: Set<String> = [
        "joint", "jointly", "together",
        "insieme", "congiunta", "congiunte", "congiunto", "congiunti", "congiuntamente",
    ]
    /// Two-word phrases of acting together.
    static let jointPairs: Set<String> = [
        "team up", "teams up", "teamed up", "teaming up", "join forces", "joins forces", "joined forces", "joining forces",
    ]

    /// Items between two list mentions: parts between commas and and/or that hold a capitalised name.
    static func itemCount(_ gap: ArraySlice<Substring>) -> Int {
        var count = 0
        var part: [Substring] = []
        func closePart() {
            if part.contains(where: { isCapitalised($0) && !listWords.contains($0.lowercased()) }) { count += 1 }
            part = []
        }
        for token in gap {
            if token == "," || conjunctions.contains(token.lowercased()) { closePart() } else { part.append(token) }
        }
        closePart()
        return count
    }

    /// "and" and "or" in English and Italian: "Usa, Russia e Cina" is a list as "US, Russia and China"
    /// is (Italian wire headlines; the other languages' lists are not read, as French "Aux JO de Pékin,
    /// Poutine et Xi" is no list).
    static let conjunctions: Set<String> = ["and", "or", "e", "ed", "o", "oppure"]
    /// What may stand between a comma and the next item: a conjunction or "the".
    static let listJoiners: Set<String> = conjunctions.union(["the"])
    /// With the hedges a list may put before its last item ("the US, Russia, China, India and
    /// possibly North Korea").
    static let listWords: Set<String> = conjunctions.union(["the", "as", "well", "possibly", "perhaps", "probably", "maybe", "even"])

    static func isCapitalised(_ word: Substring) -> Bool {
        word.first.map { $0.isUppercase } ?? false
    }

    /// Words: runs of letters, digits, apostrophes and hyphens.
    static func words(_ text: String) -> [Substring] {
        tokens(text).filter { $0 != "," }
    }

    /// Words and commas, in order; every other character separates.
    static func tokens(_ text: String) -> [Substring] {
        if let tokens = asciiTokens(text) { return tokens }
        var result: [Substring] = []
        var start: String.Index?
        for i in text.indices {
            let c = text[i]
            if c.isLetter || c.isNumber || c == "'" || c == "’" || c == "-" {
                if start == nil { start = i }
            } else {
                if let s = start { result.append(text[s..<i]); start = nil }
                if c == "," { result.append(text[i...i]) }
            }
        }
        if let s = start { result.append(text[s...]) }
        return result
    }

    /// ``tokens(_:)`` of an all-ASCII text, read byte by byte (`nil` when a byte is not ASCII): an
    /// ASCII character is a letter or number exactly when it is A–Z, a–z or 0–9, and "\r\n", one
    /// `Character` that is neither, separates as its two bytes do.
    private static func asciiTokens(_ text: String) -> [Substring]? {
        let utf8 = text.utf8
        var result: [Substring] = []
        var start: String.Index?
        var i = utf8.startIndex
        while i != utf8.endIndex {
            let b = utf8[i]
            guard b < 0x80 else { return nil }
            let next = utf8.index(after: i)
            if (b | 0x20) &- 0x61 < 26 || b &- 0x30 < 10 || b == 0x27 || b == 0x2D {
                if start == nil { start = i }
            } else {
                if let s = start { result.append(text[s..<i]); start = nil }
                if b == 0x2C { result.append(text[i..<next]) }
            }
            i = next
        }
        if let s = start { result.append(text[s...]) }
        return result
    }
}
