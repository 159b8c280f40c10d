import SeedwatchCore
import Testing

@Suite struct DropFolderIgnoreRulesTests {
    let rules = IgnoreRules()

    @Test(arguments: [
        ".hidden", ".goutputstream-Q7ZK2X", "report.part", "report.partial", "wire.xml.filepart",
        "scratch.tmp", "article.html.crdownload", "feed.xml.download", "notes.md~", ".#notes.md",
        ".notes.md.swp", "notes.swp", "sub/.git/config", ".cache/feed.xml", "a/b/c.tmp",
    ])
    func builtInPatternIgnores(_ path: String) {
        #expect(rules.isIgnored(relativePath: Array(path.utf8)))
    }

    @Test(arguments: [
        "notes.md", "wire.xml", "moved-in.txt", "2026/11/28/a.txt", "report.part.txt", "template.tmpl",
        "download", "partial", "a~b.txt", "swp", "x.swp.txt", "file.md.", "dir.d/x.txt",
    ])
    func ordinaryNamesAreNotIgnored(_ path: String) {
        #expect(!rules.isIgnored(relativePath: Array(path.utf8)))
    }

    @Test func builtInListIsTheDesignedOne() {
        #expect(IgnoreRules.builtInPatterns.map(\.description) == [
            ".*", "*.part", "*.partial", "*.filepart", "*.tmp", "*.crdownload", "*.download", "*~", ".#*", "*.swp",
        ])
    }

    @Test func nonUTF8NamesAreMatchedAsBytes() {
        // Latin-1 "café.tmp", "café.txt" and a hidden invalid name.
        #expect(rules.isIgnored(relativePath: [0x63, 0x61, 0x66, 0xE9, 0x2E, 0x74, 0x6D, 0x70]))
        #expect(!rules.isIgnored(relativePath: [0x63, 0x61, 0x66, 0xE9, 0x2E, 0x74, 0x78, 0x74]))
        #expect(rules.isIgnored(relativePath: [0x2E, 0xFF, 0xFE]))
        #expect(!rules.isIgnored(relativePath: [0xFF, 0x2F, 0xFE, 0x7E, 0x61]))  // "\xff/\xfe~a"
        #expect(rules.isIgnored(relativePath: [0xFF, 0x2F, 0xFE, 0x7E]))  // "\xff/\xfe~"
        let user = IgnoreRules(userPatterns: [GlobPattern([0x63, 0x61, 0x66, 0xE9, 0x2A])])  // "caf\xe9*"
        #expect(user.isIgnored(relativePath: [0x64, 0x2F, 0x63, 0x61, 0x66, 0xE9, 0x2E, 0x74, 0x78, 0x74]))
        #expect(!user.isIgnored(relativePath: Array("d/café.txt".utf8)))  // é in UTF-8 is C3 A9, not E9
    }

    @Test func userNamePatternsMatchEveryComponent() {
        let user = IgnoreRules(userPatterns: ["*.pdf", "draft?.txt", "[!a-c]*.csv", "Thumbs.db"])
        #expect(user.isIgnored(relativePath: Array("scan.pdf".utf8)))
        #expect(user.isIgnored(relativePath: Array("x/y/scan.pdf".utf8)))
        #expect(user.isIgnored(relativePath: Array("draft1.txt".utf8)))
        #expect(!user.isIgnored(relativePath: Array("draft12.txt".utf8)))
        #expect(user.isIgnored(relativePath: Array("data.csv".utf8)))
        #expect(!user.isIgnored(relativePath: Array("b-data.csv".utf8)))
        #expect(user.isIgnored(relativePath: Array("Thumbs.db".utf8)))
        #expect(!user.isIgnored(relativePath: Array("thumbs.db".utf8)))
        #expect(user.isIgnored(relativePath: Array("x.pdf/inner.txt".utf8)))  // a folder named x.pdf
        #expect(!user.isIgnored(relativePath: Array("scan.pdf.txt".utf8)))
    }

    @Test func userPathPatternsMatchFromTheDropFolder() {
        let user = IgnoreRules(userPatterns: ["archive/*", "/[0-9][0-9][0-9][0-9]/*.log", "in/*/raw"])
        #expect(user.isIgnored(relativePath: Array("archive/old.txt".utf8)))
        #expect(user.isIgnored(relativePath: Array("archive/2020/old.txt".utf8)))  // its folder matches
        #expect(!user.isIgnored(relativePath: Array("archive".utf8)))
        #expect(!user.isIgnored(relativePath: Array("x/archive/old.txt".utf8)))
        #expect(user.isIgnored(relativePath: Array("2026/run.log".utf8)))
        #expect(!user.isIgnored(relativePath: Array("2026/11/run.log".utf8)))  // `*` never crosses `/`
        #expect(!user.isIgnored(relativePath: Array("206/run.log".utf8)))
        #expect(user.isIgnored(relativePath: Array("in/a/raw/x.txt".utf8)))
        #expect(!user.isIgnored(relativePath: Array("in/a/b/raw/x.txt".utf8)))
    }

    @Test func globSyntax() {
        #expect(GlobPattern("a*b*c").matches(Array("aXXbYYc".utf8)))
        #expect(!GlobPattern("a*b*c").matches(Array("aXXbYY".utf8)))
        #expect(GlobPattern("*").matches(Array("".utf8)))
        #expect(!GlobPattern("*").matches(Array("a/b".utf8)))
        #expect(GlobPattern("[]x]").matches(Array("]".utf8)))
        #expect(GlobPattern("[^x]").matches(Array("y".utf8)))
        #expect(!GlobPattern("[^x]").matches(Array("x".utf8)))
        #expect(GlobPattern("a[").matches(Array("a[".utf8)))  // unterminated set is literal
        #expect(GlobPattern("\\*.txt").matches(Array("*.txt".utf8)))
        #expect(!GlobPattern("\\*.txt").matches(Array("a.txt".utf8)))
        #expect(GlobPattern("?").matches([0xFF]))
        #expect(!GlobPattern("?").matches(Array("é".utf8)))  // two bytes
        #expect(GlobPattern("??").matches(Array("é".utf8)))
    }
}
