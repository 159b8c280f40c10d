import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import SeedwatchCore

@Suite("Stored loaded model")
struct StoredModelTests {
    static let identity: [UInt8] = Array("test build 1".utf8)
    static let watch = "china-russia-north-korea"

    static func bytes() throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: ShippedModel.modelPath) else {
            throw ShippedModel.Unavailable(description: "the shipped model cannot be read at \(ShippedModel.modelPath)")
        }
        return Array(data)
    }

    static func cache() throws -> AutomatonCache {
        let path = NSTemporaryDirectory() + "model-cache-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return AutomatonCache(directory: path, codeIdentity: identity)
    }

    static func files(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    /// Whether two models hold the same values (the model is not `Equatable`; its parts are).
    static func same(_ a: WatchModel, _ b: WatchModel) -> Bool {
        a.watch == b.watch && a.version == b.version && a.actors == b.actors && a.exclusions == b.exclusions
            && a.topics == b.topics && a.rules == b.rules
    }

    static func key(_ cache: AutomatonCache, _ bytes: [UInt8]) -> [UInt8] {
        cache.storedModelKey(modelBytes: bytes, watch: watch, knowledge: AutomatonCache.shippedKnowledgeBytes)
    }

    @Test func aMissLoadsTheYAMLAndStoresAndTheNextLoadReadsTheSameModel() throws {
        let bytes = try Self.bytes()
        let yaml = try ShippedModel.model
        let cache = try Self.cache()
        let (first, firstOutcome) = try cache.model(bytes: bytes, file: ShippedModel.modelPath, watch: Self.watch)
        #expect(firstOutcome == .compiledAndStored)
        #expect(Self.files(cache.directory) == ["model-" + Hex.encode(Self.key(cache, bytes)) + ".bin"], "one file, no temporary file left")
        let (second, secondOutcome) = try cache.model(bytes: bytes, file: ShippedModel.modelPath, watch: Self.watch)
        #expect(secondOutcome == .loaded)
        #expect(Self.same(first, yaml))
        #expect(Self.same(second, yaml))
        #expect(second.actors.reduce(0) { $0 + $1.aliases.count } > 1000, "the knowledge's forms are stored with the model")
    }

    @Test func anotherModelWatchBuildOrKnowledgeHasAnotherKey() throws {
        let bytes = try Self.bytes()
        let cache = try Self.cache()
        let key = Self.key(cache, bytes)
        let other = AutomatonCache(directory: cache.directory, codeIdentity: Array("test build 2".utf8))
        let others = [
            cache.storedModelKey(modelBytes: bytes + Array("\n".utf8), watch: Self.watch, knowledge: AutomatonCache.shippedKnowledgeBytes),
            cache.storedModelKey(modelBytes: bytes, watch: "other", knowledge: AutomatonCache.shippedKnowledgeBytes),
            cache.storedModelKey(modelBytes: bytes, watch: Self.watch, knowledge: AutomatonCache.shippedKnowledgeBytes + [0]),
            other.storedModelKey(modelBytes: bytes, watch: Self.watch, knowledge: AutomatonCache.shippedKnowledgeBytes),
        ]
        #expect(key.count == 32)
        #expect(!AutomatonCache.shippedKnowledgeBytes.isEmpty)
        for k in others { #expect(k != key) }
    }

    @Test(arguments: ["empty", "truncated", "flipped byte", "garbage", "other key", "resealed bad JSON", "folder"])
    func aCorruptOrForeignFileIsNotReadButLoadedAndReplaced(damage: String) throws {
        let bytes = try Self.bytes()
        let yaml = try ShippedModel.model
        let cache = try Self.cache()
        let key = Self.key(cache, bytes)
        let good = try #require(AutomatonCache.storedForm(of: yaml, key: key))
        #expect(AutomatonCache.storedModel(good, key: key).map { Self.same($0, yaml) } == true)
        let file = cache.modelPath(key: key)
        func write(_ b: [UInt8]) throws { try Data(b).write(to: URL(fileURLWithPath: file)) }
        switch damage {
        case "empty": try write([])
        case "truncated": try write(Array(good.prefix(good.count / 2)))
        case "flipped byte":
            var b = good
            b[b.count / 2] ^= 0x01
            try write(b)
        case "garbage": try write((0..<good.count).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        case "other key":
            // Another watch's model, put where this key's file goes.
            var other = yaml
            other.watch = "other"
            try write(try #require(AutomatonCache.storedForm(of: other, key: Self.key(cache, bytes + [0x0A]))))
        case "resealed bad JSON":
            // The checksum is right, so only the decoding can refuse it: the JSON's length is cut.
            var body = Array(good.dropLast(32))
            body[40] = UInt8(ascii: "[")
            try write(PatternAutomaton.sealed(body))
        default: try FileManager.default.createDirectory(atPath: file, withIntermediateDirectories: false)
        }
        let (model, outcome) = try cache.model(bytes: bytes, file: ShippedModel.modelPath, watch: Self.watch)
        #expect(Self.same(model, yaml))
        if damage == "folder" {
            #expect(outcome == .compiledNotStored)
        } else {
            #expect(outcome == .compiledAndStored)
            #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == Data(good), "the file is written again, whole")
            #expect(try cache.model(bytes: bytes, file: ShippedModel.modelPath, watch: Self.watch).1 == .loaded)
        }
    }

    @Test func theBinaryFormWritesEveryStoredPropertyOfActorsAliasesExclusionsTopicsAndTerms() throws {
        // A property added to one of these types must be written and read by StoredModelForm: this
        // count is then raised with it.
        let term = TopicTerm("x", requires: ["oil"], notAfter: ["cold"])
        let counts = [
            Mirror(reflecting: Actor(id: "a", name: "A", kind: .state, aliases: [])).children.count,
            Mirror(reflecting: Alias("a")).children.count,
            Mirror(reflecting: Exclusion("a")).children.count,
            Mirror(reflecting: Topic(id: "t", name: "T", terms: [])).children.count,
            Mirror(reflecting: term).children.count,
        ]
        #expect(counts == [6, 5, 2, 3, 9])
        // Every value of the shipped model survives, down to the terms' companion phrases and the
        // JSON of the rest.
        let yaml = try ShippedModel.model
        let key = [UInt8](repeating: 7, count: 32)
        let form = try #require(AutomatonCache.storedForm(of: yaml, key: key))
        let read = try #require(AutomatonCache.storedModel(form, key: key))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(try encoder.encode(read) == encoder.encode(yaml))
        var odd = yaml
        odd.actors[0].affiliation = "ü"
        odd.actors[0].knowledge = nil
        odd.topics[0].terms[0].weight = 0.1 + 0.2
        odd.topics[0].terms[0].within = -3
        odd.topics[0].terms[0].languages = LanguageSet(mask: 0x3FF)
        let oddForm = try #require(AutomatonCache.storedForm(of: odd, key: key))
        let oddRead = try #require(AutomatonCache.storedModel(oddForm, key: key))
        #expect(Self.same(oddRead, odd))
    }

    @Test func aModelThatDoesNotLoadThrowsAsBeforeAndStoresNothing() throws {
        let cache = try Self.cache()
        let bytes = Array("actors: [ {id: Bad-Id, kind: state, aliases: [x]} ]\n".utf8)
        #expect(throws: YAMLFileError.self) { try cache.model(bytes: bytes, file: "model.yaml", watch: "w") }
        #expect(Self.files(cache.directory).isEmpty)
    }

    @Test func anUnwritableFolderLoadsAndStoresNothing() throws {
        let parent = NSTemporaryDirectory() + "model-cache-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        try Data("not a folder".utf8).write(to: URL(fileURLWithPath: parent + "/file"))
        let cache = AutomatonCache(directory: parent + "/file/seedwatch", codeIdentity: Self.identity)
        let (model, outcome) = try cache.model(bytes: try Self.bytes(), file: ShippedModel.modelPath, watch: Self.watch)
        #expect(outcome == .compiledNotStored)
        #expect(Self.same(model, try ShippedModel.model))
        #expect(Self.files(parent) == ["file"])
    }
}
