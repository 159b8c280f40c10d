import Foundation

/// snake_case ids for built actors and topics, as `model.yaml` requires (a-z, 0-9, `_`).
enum Identifier {
    /// "Pedro Sánchez" → `pedro_sanchez`; "Kim Jong-un" → `kim_jong_un`; "missile technology" →
    /// `missile_technology`. Letters outside a-z after removing diacritics are dropped.
    static func snakeCase(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil).lowercased()
        var id = ""
        for scalar in folded.unicodeScalars {
            if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
                id.unicodeScalars.append(scalar)
            } else if !id.isEmpty && !id.hasSuffix("_") {
                id.append("_")
            }
        }
        while id.hasSuffix("_") { id.removeLast() }
        return id.isEmpty ? "x" : id
    }

    /// `base`, or `base_2`, `base_3`… when taken.
    static func unique(_ base: String, in taken: Set<String>) -> String {
        guard taken.contains(base) else { return base }
        var n = 2
        while taken.contains("\(base)_\(n)") { n += 1 }
        return "\(base)_\(n)"
    }

    /// The key two spellings of one name share: case, hyphens, spaces and diacritics ignored
    /// ("Kim Jong-un" and "Kim Jong Un").
    static func nameKey(_ words: [String]) -> String {
        words.joined(separator: " ").replacingOccurrences(of: "-", with: " ")
            .folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
            .split(separator: " ").joined(separator: " ")
    }
}
