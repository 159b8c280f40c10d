import Foundation

/// The digest's timeline picture as numbers for an SVG template: grouped bars, one group per day
/// and one bar per core actor, scaled so the highest count fills the plot. Coordinates are SVG
/// user units (pixels at 100 %), y growing downwards.
public struct TimelineChart: Sendable, Hashable {
    public struct Bar: Sendable, Hashable {
        public var x: Double
        public var y: Double
        public var width: Double
        public var height: Double
        public var colour: String
        /// The tooltip: actor, day and count.
        public var label: String
    }

    public struct Label: Sendable, Hashable {
        public var x: Double
        public var text: String

        public init(x: Double, text: String) {
            self.x = x
            self.text = text
        }
    }

    public var width: Double
    public var height: Double
    /// The y of the plot's base line.
    public var baseline: Double
    public var bars: [Bar]
    /// Day labels under the groups.
    public var dayLabels: [Label]
    /// The legend: colour and actor name.
    public var legend: [(colour: String, name: String)]
    public var maximum: Int

    public static func == (a: TimelineChart, b: TimelineChart) -> Bool {
        a.bars == b.bars && a.dayLabels == b.dayLabels && a.legend.map(\.name) == b.legend.map(\.name)
            && a.legend.map(\.colour) == b.legend.map(\.colour) && a.width == b.width && a.height == b.height && a.maximum == b.maximum
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(bars) }

    /// Series colours (Okabe–Ito, readable for colour-blind readers).
    public static let colours = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"]

    /// Lays out `timeline` in a `width` × `height` picture; 20 units at the bottom hold the day labels.
    public init(_ timeline: Digest.Timeline, width: Double = 640, height: Double = 180) {
        self.width = width
        self.height = height
        baseline = height - 20
        let plot = baseline - 10
        maximum = max(1, timeline.series.flatMap(\.counts).max() ?? 0)
        let days = max(1, timeline.days.count)
        let group = width / Double(days)
        let barWidth = max(1, (group - 8) / Double(max(1, timeline.series.count)))
        var bars: [Bar] = []
        for (s, series) in timeline.series.enumerated() {
            for (d, count) in series.counts.enumerated() where count > 0 {
                let h = (plot * Double(count) / Double(maximum)).rounded()
                bars.append(Bar(x: Double(d) * group + 4 + Double(s) * barWidth, y: baseline - h, width: barWidth, height: h,
                                colour: Self.colours[s % Self.colours.count],
                                label: "\(series.name), \(timeline.days[d]): \(count)"))
            }
        }
        self.bars = bars
        dayLabels = timeline.days.enumerated().map { Label(x: Double($0.offset) * group + group / 2, text: String($0.element.suffix(5))) }
        legend = timeline.series.enumerated().map { (Self.colours[$0.offset % Self.colours.count], $0.element.name) }
    }
}
