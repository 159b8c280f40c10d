import Foundation

/// The readable view of `seedwatch alerts` (one alert as a block of lines):
///
/// ```
/// 2026-11-29 18:10:12Z  ALERT  83.25 (alert ≥ 19)  Russia using North Korean missiles to strike Ukraine
///     published: 2026-11-29 17:40:00Z
///     actors:    Russia (26), Ukraine (23), North Korea (10)
///     topics:    Ukraine war 12.00, North Korea's weapons programme 12.00
///     evidence:  “Ukraine's military has said that dozens of North Korean missiles …”
///     source:    https://www.bbc.com/news/articles/c0l8y1p5z2lo
/// ```
/// Lines wrap to `width` columns at spaces only (``TextWrapper``), continuation lines aligned under
/// the value; topics show their names; the score shows the threshold of its level, from the watch's
/// rules. With `colour`, ANSI SGR sequences (ECMA-48) mark the level, the title and the labels.
public struct AlertReadableView: Sendable {
    /// What the view needs to know about a watch: its thresholds and the rule that can hold a
    /// high score at `notice`.
    public struct WatchRules: Sendable, Hashable {
        public var alertThreshold: Double
        public var noticeThreshold: Double
        /// Names of the states an alert must name (`alert_key_states`), if any …
        public var keyStateNames: [String]
        /// … unless it names this many of the core states (`alert_min_core_states`, 0 for no such way) …
        public var minCoreStates: Int
        /// … whose names these are (`core_states`).
        public var coreStateNames: [String]

        public init(alertThreshold: Double, noticeThreshold: Double, keyStateNames: [String] = [], minCoreStates: Int = 0,
                    coreStateNames: [String] = []) {
            self.alertThreshold = alertThreshold
            self.noticeThreshold = noticeThreshold
            self.keyStateNames = keyStateNames
            self.minCoreStates = minCoreStates
            self.coreStateNames = coreStateNames
        }

        /// "naming North Korea or two of Russia, China, North Korea", or `nil` without a key-state rule.
        var keyStateRule: String? {
            guard !keyStateNames.isEmpty else { return nil }
            var text = "naming " + keyStateNames.joined(separator: " or ")
            if minCoreStates > 0 && !coreStateNames.isEmpty {
                let count = ["zero", "one", "two", "three", "four", "five"].indices.contains(minCoreStates)
                    ? ["zero", "one", "two", "three", "four", "five"][minCoreStates] : String(minCoreStates)
                text += " or \(count) of " + coreStateNames.joined(separator: ", ")
            }
            return text
        }
    }

    /// Rules per watch name; a watch not listed shows no threshold.
    public var rules: [String: WatchRules]
    /// Terminal columns, or `nil` for no wrapping.
    public var width: Int?
    public var colour: Bool

    public init(rules: [String: WatchRules], width: Int?, colour: Bool) {
        self.rules = rules
        self.width = width
        self.colour = colour
    }

    static let labelWidth = 15  // "    published: "

    /// The block for `entry`, lines joined by `"\n"`, without a trailing newline.
    public func render(_ entry: AlertLogEntry) -> String {
        let levelWord = (entry.level?.rawValue.uppercased() ?? "-")
        let level = levelWord.padding(toLength: 6, withPad: " ", startingAt: 0)
        let score = String(format: "%.2f", entry.score)
        let threshold = thresholdText(entry).map { " (\($0))" } ?? ""
        let head = "\(AlertTextFormatter.timestamp(entry.time))  \(level) \(score)\(threshold)  "
        let title = entry.title.isEmpty ? "(untitled)" : entry.title
        let titleLines = TextWrapper.wrap(title, width: width, firstColumn: TextWrapper.columns(head), indent: 4)
        var out = [paint(head.replacingOccurrences(of: levelWord, with: paint(levelWord, levelStyle(entry.level))), nil)
            + paint(titleLines[0], "1")]
        out += titleLines.dropFirst().map { paint($0, "1") }
        if let published = entry.published { out += field("published", AlertTextFormatter.timestamp(published)) }
        if !entry.actors.isEmpty {
            out += field("actors", entry.actors.map { "\($0.name) (\($0.mentions ?? 0))" }.joined(separator: ", "))
        }
        if !entry.topics.isEmpty {
            out += field("topics", entry.topics.map { "\($0.name) \(String(format: "%.2f", $0.score ?? 0))" }.joined(separator: ", "))
        }
        if let evidence = entry.evidence.first { out += field("evidence", "\u{201C}\(evidence)\u{201D}") }
        let source = entry.source.url ?? entry.source.path ?? entry.source.feed ?? ""
        out += field("source", source, style: "36")
        if let updates = entry.updates {
            out += field("updates", "\(updates) (an edit of that alert's article, naming a new actor)")
        }
        return out.joined(separator: "\n")
    }

    /// `alert ≥ 19`, `notice ≥ 16; alert ≥ 19`, with the key-state rule when it held a score at
    /// or above the alert threshold back; `nil` for an unknown watch or no level.
    public func thresholdText(_ entry: AlertLogEntry) -> String? {
        guard let rules = rules[entry.watch], let level = entry.level else { return nil }
        let alert = "alert ≥ \(Self.number(rules.alertThreshold))"
        switch level {
        case .alert:
            return alert
        case .notice:
            var text = "notice ≥ \(Self.number(rules.noticeThreshold)); \(alert)"
            if entry.score >= rules.alertThreshold {
                text += rules.keyStateRule.map { " and \($0)" } ?? " with enough topic evidence"
            }
            return text
        }
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
    }

    private func field(_ label: String, _ value: String, style: String? = nil) -> [String] {
        let prefix = "    " + (label + ":").padding(toLength: Self.labelWidth - 4, withPad: " ", startingAt: 0)
        let lines = TextWrapper.wrap(value, width: width, firstColumn: Self.labelWidth, indent: Self.labelWidth)
        return [paint(prefix, "2") + paint(lines[0], style)] + lines.dropFirst().map { paint($0, style) }
    }

    private func levelStyle(_ level: AlertLevel?) -> String? {
        switch level {
        case .alert: return "1;31"
        case .notice: return "33"
        case nil: return nil
        }
    }

    /// `text` inside an SGR sequence when colour is on and a style is given.
    private func paint(_ text: String, _ style: String?) -> String {
        guard colour, let style, !text.isEmpty else { return text }
        return "\u{1B}[\(style)m\(text)\u{1B}[0m"
    }
}
