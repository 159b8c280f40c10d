import Foundation
import SeedwatchCore

/// Writes every parsed feed of `feeds/real` and of the conformance suites to `path`, one block per
/// file (path, then the parsed feed or the error), to compare parser versions byte for byte.
func dumpParsedFeeds(corpus: URL, to path: String) {
    var out = ""
    for folder in ["feeds/real", "feeds/suites"] {
        let e = FileManager.default.enumerator(at: corpus.appendingPathComponent(folder), includingPropertiesForKeys: nil)
        var urls: [URL] = []
        while let u = e?.nextObject() as? URL {
            if ["xml", "rss", "atom", "json", "rdf"].contains(u.pathExtension) { urls.append(u) }
        }
        for u in urls.sorted(by: { $0.path < $1.path }) {
            guard let d = FileManager.default.contents(atPath: u.path) else { continue }
            out += "== \(u.path)\n"
            do { out += "\(try FeedParser.parse(Array(d)))\n" } catch { out += "error: \(error)\n" }
        }
    }
    FileManager.default.createFile(atPath: path, contents: Data(out.utf8))
}
