import Foundation
import Testing
@testable import SeedwatchCore

/// The byte path of ``BoilerplateClassifier/isFurniture(classOrID:)`` gives the verdict of its
/// `Character` definition.
@Suite("Boilerplate classifier on bytes")
struct BoilerplateClassifierBytesTests {
    static func bytePath(_ value: String) -> Bool? {
        var value = value
        return value.withUTF8 { bytes in
            bytes.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) ? BoilerplateClassifier.isFurniture(asciiClassOrID: bytes) : nil
        }
    }

    @Test(arguments: [
        "", " ", "__", "___", "a__", "__a", "a___b", "a____b", "_a__b", "a_b__c", "a__b__c", "a__b_c__d", "x__y--z", "x__--z",
        "x__y--", "x__y---z", "--", "a--b", "Byline_author-wrapper__Q7jj1", "Comment_list__abc", "sidebar-grid__content",
        "article__share", "post-page__row--share", "has-sidebar", "sidebar-open", "is-sticky-share", "comments-enabled",
        "read-more", "READ-MORE", "sr-only", "SR-Only", "visually-hidden", "hidden", "hidden-xs", "nav", "navy", "navbar",
        "ad", "ads", "ad-slot", "tags", "commentary", "metadata", "shareholder", "printable", "print", "nav\tfoo",
        "foo\nhidden", "x  hidden  y", "socialShare", "h-offscreen", "caption__text", "a__b__", "mostRead", "See_Also",
        "also__read-more", "123 456", "share9", "9share", "x_y", "x__y_z__share", "menu__item--active",
    ])
    func agreesWithTheCharacterDefinition(value: String) {
        #expect(Self.bytePath(value) == BoilerplateClassifier.isFurniture(classOrIDCharacters: value), "\(value)")
    }

    @Test func aValueWithCROrNonASCIIBytesTakesTheCharacterPath() {
        // "\r\n" is one Character: no token ends at its "\n" ("x\r\nhidden" is one token, not furniture).
        #expect(Self.bytePath("x\r\nhidden") == nil)
        #expect(BoilerplateClassifier.isFurniture(classOrID: "x\r\nhidden") == BoilerplateClassifier.isFurniture(classOrIDCharacters: "x\r\nhidden"))
        #expect(Self.bytePath("kommentar-übersicht") == nil)
        #expect(BoilerplateClassifier.isFurniture(classOrID: "Ĳ-share") == BoilerplateClassifier.isFurniture(classOrIDCharacters: "Ĳ-share"))
    }

    /// Every `class` and `id` value of the shared HTML suites' pages.
    @Test func agreesOnEveryClassAndIDOfTheSharedPages() throws {
        guard ExtractionCorpus.isAvailable else {
            print("BoilerplateClassifierBytesTests: ../shared/corpus is absent; the corpus comparison is skipped")
            return
        }
        let root = ExtractionCorpus.sharedRoot.appendingPathComponent("corpus/html")
        var values = Set<String>()
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "html" || url.pathExtension == "htm" else { continue }
            let bytes = [UInt8](try Data(contentsOf: url))
            for attribute in [Array(" class=".utf8), Array(" id=".utf8)] {
                var i = 0
                while i + attribute.count + 1 < bytes.count {
                    guard bytes[i..<i + attribute.count].elementsEqual(attribute) else { i += 1; continue }
                    let quote = bytes[i + attribute.count]
                    guard quote == 0x22 || quote == 0x27 else { i += 1; continue }
                    var end = i + attribute.count + 1
                    while end < bytes.count && bytes[end] != quote { end += 1 }
                    values.insert(String(decoding: bytes[(i + attribute.count + 1)..<end], as: UTF8.self))
                    i = end
                }
            }
        }
        #expect(values.count > 1000, "too few values read: \(values.count)")
        var ascii = 0
        for value in values {
            if let fast = Self.bytePath(value) {
                ascii += 1
                #expect(fast == BoilerplateClassifier.isFurniture(classOrIDCharacters: value), "\(value)")
            }
        }
        print("BoilerplateClassifierBytesTests: \(values.count) values, \(ascii) on the byte path")
    }
}
