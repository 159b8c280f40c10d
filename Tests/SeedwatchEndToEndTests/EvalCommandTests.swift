import Foundation
import Testing

/// `seedwatch eval` on a tiny labelled corpus written by the test.
@Suite("Command line: eval")
struct EvalCommandTests {
    /// Four text articles (one labelled but absent) and a feed file of two items, labelled with
    /// languages; a second labels file whose corpus folder is missing; a third that does not exist.
    static func writeCorpus(in root: URL) throws -> (labels: URL, other: URL) {
        let corpus = root.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        let files = [
            "a.txt": "Putin and Kim Jong Un sign mutual defence treaty\nRussia and North Korea signed a treaty on mutual defence in Pyongyang on Wednesday.\n",
            "b.txt": "Local bakery wins prize\nThe baker once visited China on holiday.\n",
            "c.txt": "Kim Kardashian plays her trump card\nThe star bought fine china.\n",
            "feed.xml": """
                <rss version="2.0"><channel><title>Desk</title>
                <item><guid>1</guid><title>North Korea fires ballistic missile</title><description>North Korea fired a ballistic missile into the sea, Seoul said. Pyongyang has tested missiles despite UN sanctions.</description></item>
                <item><guid>2</guid><title>Rain expected in Berlin</title><description>Forecasters expect rain all week.</description></item>
                </channel></rss>
                """,
        ]
        for (name, text) in files { try text.write(to: corpus.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        let labels = root.appendingPathComponent("labels.tsv")
        try """
            a.txt\t2\ttreaty\ten
            b.txt\t0\tbakery\ten
            c.txt\t0\tbait words\ten
            d.txt\t2\tnot in the corpus\ten
            feed.xml#0\t2\tmissile launch\tde\ttest@0000:feed.xml
            feed.xml#1\t0\tweather\tde

            """.write(to: labels, atomically: true, encoding: .utf8)
        let other = root.appendingPathComponent("other.tsv")
        try "x.txt\t0\tunrelated\n".write(to: other, atomically: true, encoding: .utf8)
        return (labels, other)
    }

    @Test func evalReportsSetsLanguagesCrossValidationAndWhatIsMissing() throws {
        let folder = try TemporaryFolder("seedwatch-eval")
        let (labels, other) = try Self.writeCorpus(in: folder.url)
        let config = try writeCommandConfig(in: folder.url)
        let corpus = folder.url.appendingPathComponent("corpus").path
        let missingCorpus = folder.url.appendingPathComponent("no-such-corpus").path
        let missingLabels = folder.url.appendingPathComponent("missing.tsv").path
        let output = try CommandLineTests.run([
            "eval", "--config", config.path, "--folds", "2",
            "--labels", "\(labels.path)=\(corpus)", "--labels", "\(other.path)=\(missingCorpus)", "--labels", missingLabels,
        ])
        #expect(output.status == 0, "\(output.stderr)")
        let lines = output.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first?.hasPrefix("watch china-russia-north-korea, model version ") == true)
        #expect(lines.contains("label set \(labels.path) (corpus \(corpus)): 6 labelled articles, 5 read, 1 NOT FOUND or unreadable (left out)"))
        #expect(lines.contains { $0.hasPrefix("  not read: d.txt: ") })
        #expect(lines.contains("  all            precision 1.000  recall 1.000  (hits 2, misses 0, false alarms 0; label 1: 0, 0 alert, 0 notice)"))
        #expect(lines.contains("  language de    precision 1.000  recall 1.000  (hits 1, misses 0, false alarms 0; label 1: 0, 0 alert, 0 notice)"))
        #expect(lines.contains("  language en    precision 1.000  recall 1.000  (hits 1, misses 0, false alarms 0; label 1: 0, 0 alert, 0 notice)"))
        #expect(lines.contains("  cross-validated (2 folds, alert threshold fitted on the other 1) precision 1.000  recall 1.000  (hits 2, misses 0, false alarms 0; label 1: 0)"))
        #expect(lines.contains("label set \(other.path) (corpus \(missingCorpus)): corpus folder NOT FOUND: 1 labelled articles not evaluated"))
        #expect(lines.contains("label set \(missingLabels) (corpus \(folder.url.path)): NOT FOUND: cannot read \(missingLabels)"))
        #expect(lines.contains("misses (0):"))
        #expect(lines.contains("false alarms (0):"))
    }

    @Test func evalWithNothingReadableExitsOne() throws {
        let folder = try TemporaryFolder("seedwatch-eval")
        let config = try writeCommandConfig(in: folder.url)
        let missing = folder.url.appendingPathComponent("missing.tsv").path
        let output = try CommandLineTests.run(["eval", "--config", config.path, "--labels", missing])
        #expect(output.status == 1)
        #expect(output.stdout.contains("no labelled article could be read"))
    }

    @Test("eval --story-pairs prints pairwise precision and recall per split, and names an unreadable article")
    func storyPairsPerSplit() throws {
        let folder = try TemporaryFolder("seedwatch-eval-stories")
        let config = try writeCommandConfig(in: folder.url)
        let corpus = folder.url.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        let treaty = """
            Russia and North Korea signed a treaty on mutual defence in Pyongyang on Wednesday. Vladimir Putin and \
            Kim Jong Un agreed to come to each other's aid if attacked, to expand rail links across the Tumen river \
            and to build a road bridge at Khasan. The two leaders toured a fertiliser plant and watched a parade of \
            cadets before a banquet.
            """
        let files = [
            "desk.txt": "Putin and Kim Jong Un sign mutual defence treaty\n" + treaty + "\n",
            "copy.txt": "Russia, North Korea pledge mutual aid in Pyongyang pact\n" + treaty
                + "\nCopyright 2026 The Daily Bugle. All rights reserved.\n",
            "missile.txt": "North Korea fires ballistic missile\nNorth Korea fired a ballistic missile into the sea, Seoul said. "
                + "Pyongyang has tested missiles despite UN sanctions.\n",
            "grain.txt": "Russian grain train reaches North Korea\nRussia delivered wheat and fuel to North Korea by rail. "
                + "Inspectors counted forty wagons of grain at Tumangang station.\n",
            "bakery.txt": "Local bakery wins prize\nThe baker once visited China on holiday and bought fine flour.\n",
        ]
        for (name, text) in files { try text.write(to: corpus.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        let pairs = folder.url.appendingPathComponent("story-pairs.tsv")
        try """
            # PATH_A\tPATH_B\tLABEL\tSPLIT\treason
            desk.txt\tcopy.txt\t1\tdev\tsyndicated copy
            desk.txt\tmissile.txt\t0\tdev\tdifferent events
            desk.txt\tbakery.txt\t0\tdev\tunrelated (the bakery names China)
            missile.txt\tgrain.txt\t0\ttest\tdifferent events
            copy.txt\tdesk.txt\t1\ttest\tthe copy again
            desk.txt\tabsent.txt\t1\ttest\tnot in the corpus

            """.write(to: pairs, atomically: true, encoding: .utf8)
        let output = try CommandLineTests.run(["eval", "--config", config.path, "--story-pairs", "\(pairs.path)=\(corpus.path)"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout == """
            story pairs \(pairs.path) (corpus \(corpus.path)), watch china-russia-north-korea
            6 pairs, 5 with both articles read; 6 articles, 1 unreadable
            split     pairs                    n     TP     FP     FN     TN  precision  recall
            dev       all pairs                3      1      0      0      2      1.000   1.000
            dev       both naming actors       3      1      0      0      2      1.000   1.000
            held out  all pairs                2      1      0      0      1      1.000   1.000
            held out  both naming actors       2      1      0      0      1      1.000   1.000
            unreadable: absent.txt: cannot read \(corpus.path)/absent.txt

            """)
        let bad = try CommandLineTests.run(["eval", "--config", config.path, "--story-pairs", "\(corpus.path)/desk.txt=\(corpus.path)"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("desk.txt: line 1: expected PATH_A<TAB>PATH_B<TAB>LABEL<TAB>SPLIT<TAB>reason"))
        let both = try CommandLineTests.run(["eval", "--config", config.path, "--story-pairs", pairs.path, "--labels", pairs.path])
        #expect(both.status == 64)
        #expect(both.stderr.contains("give at least one --labels FILE, or --story-pairs FILE (not both)"))
    }
}
