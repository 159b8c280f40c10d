import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
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
            // memchr finds each "=" and memcmp the attribute name before it (a byte-by-byte loop in a
            // debug build took 47 s for the 69 MB of pages; the values found are the same).
            bytes.withUnsafeBufferPointer { page in
                guard let base = page.baseAddress else { return }
                for attribute in [Array(" class=".utf8), Array(" id=".utf8)] {
                    let name = attribute.count - 1  // the bytes before "="
                    var from = 0  // where the next attribute may start
                    while from + name < page.count,
                          let hit = memchr(base + from + name, 0x3D, page.count - from - name) {
                        let i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) - name
                        guard i + attribute.count + 1 < page.count else { break }
                        let quote = page[i + attribute.count]
                        guard memcmp(base + i, attribute, name) == 0, quote == 0x22 || quote == 0x27 else { from = i + 1; continue }
                        let value = i + attribute.count + 1
                        let end = memchr(base + value, Int32(quote), page.count - value)
                            .map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? page.count
                        values.insert(String(decoding: UnsafeBufferPointer(rebasing: page[value..<end]), as: UTF8.self))
                        from = end
                    }
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
