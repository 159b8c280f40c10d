import Foundation
import Mustache

/// Renders a ``Digest`` through the Mustache templates of ``DigestTemplates`` (swift-mustache):
/// HTML (self-contained, inline SVG timeline, no JavaScript) or plain text. The renderer only
/// prepares values; the templates give the markup, and Mustache escapes every value in HTML.
public enum DigestRenderer {
    /// The HTML page.
    public static func html(_ digest: Digest) -> String {
        render(DigestTemplates.html, context(digest, chart: TimelineChart(digest.timeline)), partials: ["item": DigestTemplates.item])
    }

    /// The plain text.
    public static func text(_ digest: Digest) -> String {
        render(DigestTemplates.text, context(digest, chart: nil), partials: [:])
    }

    private static func render(_ template: String, _ context: [String: Any], partials: [String: String]) -> String {
        do {
            var library = MustacheLibrary()
            for (name, text) in partials { library.register(try MustacheTemplate(string: text), named: name) }
            return try MustacheTemplate(string: template).render(context, library: library)
        } catch {
            // The templates are constants checked by the tests; a parse error is a programming error.
            preconditionFailure("digest template: \(error)")
        }
    }

    static func period(_ digest: Digest) -> String {
        "\(AlertTextFormatter.timestamp(digest.since)) – \(AlertTextFormatter.timestamp(digest.until))"
    }

    static func context(_ digest: Digest, chart: TimelineChart?) -> [String: Any] {
        var c: [String: Any] = [
            "period": period(digest), "counts": counts(digest),
            "top": digest.topStories.map(item),
            "topics": digest.topics.map { ["name": $0.name, "count": $0.items.count, "items": $0.items.map(item)] as [String: Any] },
            "timelineNames": digest.timeline.series.map(\.name),
            "timelineRows": digest.timeline.days.enumerated().map { d, day in
                day + "  " + digest.timeline.series.map { String($0.counts[d]) }.joined(separator: " ")
            },
        ]
        if let chart {
            c["chart"] = [
                "width": number(chart.width), "height": number(chart.height), "baseline": number(chart.baseline),
                "maximum": chart.maximum,
                "bars": chart.bars.map { ["x": number($0.x), "y": number($0.y), "width": number($0.width), "height": number($0.height),
                                          "colour": $0.colour, "label": $0.label] },
                "days": chart.dayLabels.map { ["x": number($0.x), "y": number(chart.height - 5), "text": $0.text] },
                "legend": chart.legend.map { ["colour": $0.colour, "name": $0.name] },
            ] as [String: Any]
        }
        return c
    }

    static func item(_ item: Digest.Item) -> [String: Any] {
        var d: [String: Any] = [
            "title": item.title.isEmpty ? "(untitled)" : item.title, "watch": item.watch, "score": String(format: "%.2f", item.score),
            "level": item.level?.rawValue ?? "", "levelText": (item.level?.rawValue ?? "-").uppercased(),
            "source": item.link ?? "",
        ]
        if let link = item.link, link.hasPrefix("http://") || link.hasPrefix("https://") { d["link"] = link }
        if let published = item.published { d["published"] = AlertTextFormatter.timestamp(published) }
        if let evidence = item.evidence { d["evidence"] = evidence }
        if let sources = item.sources { d["sources"] = sources }
        if !item.updates.isEmpty {
            d["updates"] = item.updates.map { update -> [String: Any] in
                var u: [String: Any] = ["time": AlertTextFormatter.timestamp(update.time), "title": update.title.isEmpty ? "(untitled)" : update.title,
                                        "level": update.level?.rawValue ?? "", "levelText": (update.level?.rawValue ?? "-").uppercased()]
                if let link = update.link, link.hasPrefix("http://") || link.hasPrefix("https://") { u["link"] = link }
                return u
            }
        }
        return d
    }

    /// `1 alert, 2 notices`: the period's counts, singular for one.
    public static func counts(_ digest: Digest) -> String {
        "\(digest.alerts) alert\(digest.alerts == 1 ? "" : "s"), \(digest.notices) notice\(digest.notices == 1 ? "" : "s")"
    }

    /// A coordinate without a trailing `.0`, at most two decimals.
    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
    }
}
