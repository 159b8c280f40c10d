import Foundation
import Testing

/// `seedwatch scan --json` groups the articles of one run into stories as the daemon does, in
/// memory (issue 12): the keys `story`, `story_size` and `repeat` on every line that alerts.
@Suite("Command line: scan groups one run into stories")
struct ScanStoriesCommandTests {
    static let body = """
        Russia and North Korea signed a treaty on mutual defence in Pyongyang on Wednesday. Vladimir Putin and \
        Kim Jong Un agreed to come to each other's aid if attacked, to expand rail links across the Tumen river \
        and to build a road bridge at Khasan. The two leaders toured a fertiliser plant and watched a parade of \
        cadets before a banquet.
        """

    @Test("a copy with another headline and boilerplate joins the first file's story; an unrelated alert starts its own")
    func scanJSONCarriesStoryKeys() throws {
        let folder = try TemporaryFolder("seedwatch-scan-stories")
        let config = try writeCommandConfig(in: folder.url)
        let articles = folder.url.appendingPathComponent("articles")
        try FileManager.default.createDirectory(at: articles, withIntermediateDirectories: true)
        let files = [
            "1-desk.txt": "Putin and Kim Jong Un sign mutual defence treaty\n" + Self.body + "\n",
            "2-wire-copy.txt": "Russia, North Korea pledge mutual aid in Pyongyang pact\n" + Self.body
                + "\nCopyright 2026 The Daily Bugle. All rights reserved. Sign up for our morning newsletter.\n",
            "3-bakery.txt": "Local bakery wins prize\nThe baker once visited China on holiday.\n",
            "4-missile.txt": "North Korea fires ballistic missile\nNorth Korea fired a ballistic missile into the sea, Seoul said. "
                + "Pyongyang has tested missiles despite UN sanctions.\n",
        ]
        for (name, text) in files { try text.write(to: articles.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        let output = try CommandLineTests.run(["scan", "--json", "--config", config.path, articles.path])
        #expect(output.status == 0, "\(output.stderr)")
        let lines = try output.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(lines.count == 4)
        #expect(lines.map { $0["alerted"] as? Bool } == [true, true, false, true])
        let ids = lines.map { $0["id"] as? String }
        #expect(lines.map { $0["story"] as? String } == [ids[0], ids[0], nil, ids[3]])
        #expect(lines.map { $0["story_size"] as? Int } == [1, 2, nil, 1])
        #expect(lines.map { $0["repeat"] as? Bool } == [false, true, nil, false])
        // The keys come after "language" and before "alerted", as in the alert log.
        let first = try #require(output.stdout.split(separator: "\n").first)
        #expect(first.hasSuffix(#","story":"\#(ids[0] ?? "")","story_size":1,"repeat":false,"alerted":true}"#))
    }

    @Test("undated files of different events stay separate stories in one run; an undated copy joins its original")
    func undatedFilesJoinOnlyAsCopies() throws {
        let folder = try TemporaryFolder("seedwatch-scan-undated")
        let config = try writeCommandConfig(in: folder.url)
        let articles = folder.url.appendingPathComponent("articles")
        try FileManager.default.createDirectory(at: articles, withIntermediateDirectories: true)
        let vladivostok = """
            Vladimir Putin met Kim Jong Un in Vladivostok on Thursday for their first summit. Russia and North Korea \
            discussed the stalled nuclear talks with Washington and the sanctions on Pyongyang. The two leaders toured \
            a university on Russky Island before a banquet. Kim Jong Un had arrived by armoured train.
            """
        let files = [
            "1-treaty.txt": "Putin and Kim Jong Un sign mutual defence treaty\n" + Self.body + "\n",
            "2-summit-2019.txt": "Putin and Kim hold first summit in Vladivostok\n" + vladivostok + "\n",
            "3-treaty-copy.txt": "Russia, North Korea pledge mutual aid in Pyongyang pact\n" + Self.body
                + "\nCopyright 2026 The Daily Bugle. All rights reserved. Sign up for our morning newsletter.\n",
        ]
        for (name, text) in files { try text.write(to: articles.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        let output = try CommandLineTests.run(["scan", "--json", "--config", config.path, articles.path])
        #expect(output.status == 0, "\(output.stderr)")
        let lines = try output.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(lines.map { $0["alerted"] as? Bool } == [true, true, true])
        let ids = lines.map { $0["id"] as? String }
        #expect(lines.map { $0["story"] as? String } == [ids[0], ids[1], ids[0]])
        #expect(lines.map { $0["story_size"] as? Int } == [1, 1, 2])
    }
}
