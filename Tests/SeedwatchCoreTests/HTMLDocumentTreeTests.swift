import Foundation
import Testing
@testable import SeedwatchCore

/// The compact page tree (``HTMLDocumentTree``) has the nodes libxml2's own tree builder makes,
/// and the body is written over its text in place (issue 15: peak memory of an HTML page). The
/// expected bodies are what the extraction read from the same pages through libxml2's tree.
@Suite("HTML page tree and in-place text")
struct HTMLDocumentTreeTests {
    static func extract(_ html: String) -> Article {
        HTMLExtractor.extract(Array(html.utf8), headerCharset: nil)
    }

    static let paragraph = "<p>Kim Jong Un met Vladimir Putin in Pyongyang on Wednesday for talks on defence.</p>"
    static let after = "<p>Text after the end of the document, still a long paragraph here.</p>"

    @Test("one-letter cells and line breaks: each adds a separator, and the writing stays behind the reading")
    func separatorsInPlace() {
        let cells = String(repeating: "abcdefghij", count: 5).map { "<td>\($0)</td>" }.joined()
        let article = Self.extract("<html><head><title>Cells</title></head><body><table><tr>" + cells
            + "</tr></table><p>x<br>y<br>z<br>&lt;<br>&amp;</p></body></html>")
        #expect(article.title == "Cells")
        #expect(article.body == String(String(repeating: "a b c d e f g h i j ", count: 5).dropLast()) + "\nx\ny\nz\n<\n&")
    }

    @Test("a prefixed element is named by its local part, as libxml2 names it")
    func prefixedNames() {
        let article = Self.extract("<html><body><div><o:p>First part of it</o:p><o:p>Second part of it</o:p><x:y:z>Third</x:y:z></div></body></html>")
        #expect(article.body == "First part of it\nSecond part of it\nThird")
    }

    @Test("an element after the end of the page is inside the root only when the root is the document's first node")
    func elementAfterTheEnd() {
        let page = "<html><head><title>After the end</title></head><body>" + Self.paragraph + "</body></html>" + Self.after
        let lead = "Kim Jong Un met Vladimir Putin in Pyongyang on Wednesday for talks on defence."
        #expect(Self.extract(page).body == lead + "\nText after the end of the document, still a long paragraph here.")
        #expect(Self.extract("<!DOCTYPE html>" + page).body == lead)
        #expect(Self.extract("<!-- c -->" + page).body == lead)
    }

    @Test("pre breaks at LF but not at CR LF; comments split text nodes; NBSP and soft hyphens as elsewhere")
    func preCommentsAndSpaces() {
        let article = Self.extract("<html><body><pre>line one\r\nstill one\nline two\n\nline three</pre><p>Kim<!-- x -->Jong Un and "
            + "<b>Putin</b> <i>met</i>\u{A0} in \u{AD}Pyong<span>yang</span>.</p></body></html>")
        #expect(article.body == "line one still one\nline two\nline three\nKimJong Un and Putin met in Pyongyang.")
    }

    @Test("leading lines equal to the title are dropped, later ones kept")
    func titleRepeats() {
        let article = Self.extract("<html><head><title>Putin meets Kim</title></head><body><h1>Putin meets Kim</h1><p>Putin  meets\tKim</p>"
            + "<p>Putin meets Kim</p><p>Second line of the article body here.</p><p>Putin meets Kim</p></body></html>")
        #expect(article.body == "Second line of the article body here.\nPutin meets Kim")
    }

    @Test("the tree: text joined across entities, CDATA apart, attributes kept, the arena within its bound")
    func treeNodes() throws {
        let html = "<html><head><script type=\"application/ld+json\">{\"a\":1}</script></head>"
            + "<body class=\"x y\" data-other=\"z\"><p id=p1>a&amp;b<!---->c</p><input disabled></body></html>"
        let tree = try #require(HTMLDocumentTree(utf8: html))
        let root = try #require(tree.root)
        #expect(tree.name(root) == "html")
        let elements = tree.elements(under: root)
        #expect(elements.map(tree.name) == ["html", "head", "script", "body", "p", "input"])
        let paragraph = elements[4]
        #expect(tree.children(paragraph).map(tree.kind) == [.text, .other, .text])
        #expect(tree.textContent(paragraph) == "a&bc")
        #expect(tree.attribute(paragraph, "id") == "p1")
        #expect(tree.attribute(elements[3], "class") == "x y")
        #expect(tree.attribute(elements[3], "id") == nil)
        #expect(tree.children(elements[2]).map(tree.kind) == [.cdata])
        #expect(tree.textContent(elements[2]) == "{\"a\":1}")
        #expect(tree.arenaCount <= HTMLDocumentTree.arenaCapacity(forInputBytes: html.utf8.count))
    }
}
