import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import SeedwatchCore

@Suite("Automaton cache")
struct AutomatonCacheTests {
    static let patterns: [[UInt8]] = ["kim", "xi", "north korea", "un", "pyongyang", "she", "he"].map { Array($0.utf8) }
    static let wordStart = [true, true, true, true, true, false, false]
    static let identity: [UInt8] = Array("test build 1".utf8)

    /// A new empty folder under the temporary directory.
    static func folder() throws -> String {
        let path = NSTemporaryDirectory() + "automaton-cache-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func files(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    static func compiled() -> PatternAutomaton { PatternAutomaton(patterns: patterns, wordStart: wordStart) }

    @Test func aMissCompilesAndStoresAndTheNextLoadReadsTheSameTables() throws {
        let cache = AutomatonCache(directory: try Self.folder(), codeIdentity: Self.identity)
        let (first, firstOutcome) = cache.automaton(patterns: Self.patterns, wordStart: Self.wordStart)
        #expect(firstOutcome == .compiledAndStored)
        let key = PatternAutomaton.storedKey(patterns: Self.patterns, wordStart: Self.wordStart, codeIdentity: Self.identity)
        #expect(Self.files(cache.directory) == ["automaton-" + Hex.encode(key) + ".bin"], "one file, no temporary file left")
        let (second, secondOutcome) = cache.automaton(patterns: Self.patterns, wordStart: Self.wordStart)
        #expect(secondOutcome == .loaded)
        #expect(first.hasSameTables(as: Self.compiled()))
        #expect(second.hasSameTables(as: Self.compiled()))
    }

    @Test func theShippedModelsAliasTableIsTheSameLoadedOrCompiled() throws {
        let model = try ShippedModel.model
        let cache = AutomatonCache(directory: try Self.folder(), codeIdentity: Self.identity)
        let plain = AliasTable(model: model)
        let stored = AliasTable(model: model, cache: cache)
        #expect(Self.files(cache.directory).isEmpty, "the automata are made at their first use")
        _ = (stored.automaton, stored.englishAutomaton)
        #expect(Self.files(cache.directory).count == 2, "the automaton of every language and the English one")
        func inodes() -> [Int] {
            Self.files(cache.directory).map { name in
                var info = stat()
                return stat(cache.directory + "/" + name, &info) == 0 ? Int(info.st_ino) : -1
            }
        }
        let written = inodes()
        let loaded = AliasTable(model: model, cache: cache)
        _ = (loaded.automaton, loaded.englishAutomaton)
        #expect(inodes() == written, "the second table read both files and wrote none")
        for table in [stored, loaded] {
            #expect(table.automaton.hasSameTables(as: plain.automaton))
            #expect(table.englishAutomaton.hasSameTables(as: plain.englishAutomaton))
        }
    }

    @Test func anotherPatternListWordStartFlagOrBuildHasAnotherKey() {
        let key = PatternAutomaton.storedKey(patterns: Self.patterns, wordStart: Self.wordStart, codeIdentity: Self.identity)
        var flags = Self.wordStart
        flags[0] = false
        var patterns = Self.patterns
        patterns[0] = Array("kin".utf8)
        let others = [
            PatternAutomaton.storedKey(patterns: patterns, wordStart: Self.wordStart, codeIdentity: Self.identity),
            PatternAutomaton.storedKey(patterns: Self.patterns, wordStart: flags, codeIdentity: Self.identity),
            PatternAutomaton.storedKey(patterns: Self.patterns, wordStart: Self.wordStart, codeIdentity: Array("test build 2".utf8)),
            // The same bytes cut differently.
            PatternAutomaton.storedKey(patterns: [Array("ab".utf8), Array("c".utf8)], wordStart: nil, codeIdentity: Self.identity),
        ]
        #expect(key.count == 32)
        for other in others { #expect(other != key) }
        #expect(others[3] != PatternAutomaton.storedKey(patterns: [Array("a".utf8), Array("bc".utf8)], wordStart: nil, codeIdentity: Self.identity))
    }

    @Test func aFileOfAnotherKeyIsNotReadButCompiledAndReplaced() throws {
        let cache = AutomatonCache(directory: try Self.folder(), codeIdentity: Self.identity)
        // Another build's automaton of other patterns, put where this key's file goes.
        let other = PatternAutomaton(patterns: [Array("kim".utf8)], wordStart: [true])
        let otherKey = PatternAutomaton.storedKey(patterns: [Array("kim".utf8)], wordStart: [true], codeIdentity: Self.identity)
        let key = PatternAutomaton.storedKey(patterns: Self.patterns, wordStart: Self.wordStart, codeIdentity: Self.identity)
        try Data(other.stored(key: otherKey)).write(to: URL(fileURLWithPath: cache.path(key: key)))
        let (automaton, outcome) = cache.automaton(patterns: Self.patterns, wordStart: Self.wordStart)
        #expect(outcome == .compiledAndStored)
        #expect(automaton.hasSameTables(as: Self.compiled()))
        #expect(cache.automaton(patterns: Self.patterns, wordStart: Self.wordStart).1 == .loaded)
    }

    @Test(arguments: ["empty", "truncated", "flipped byte", "garbage", "folder"])
    func aCorruptFileIsNotReadButCompiledAndReplaced(damage: String) throws {
        let cache = AutomatonCache(directory: try Self.folder(), codeIdentity: Self.identity)
        let key = PatternAutomaton.storedKey(patterns: Self.patterns, wordStart: Self.wordStart, codeIdentity: Self.identity)
        let good = Self.compiled().stored(key: key)
        let file = cache.path(key: key)
        switch damage {
        case "empty": try Data().write(to: URL(fileURLWithPath: file))
        case "truncated": try Data(good.prefix(good.count / 2)).write(to: URL(fileURLWithPath: file))
        case "flipped byte":
            var bytes = good
            bytes[bytes.count / 2] ^= 0x01
            try Data(bytes).write(to: URL(fileURLWithPath: file))
        case "garbage": try Data((0..<good.count).map { UInt8(truncatingIfNeeded: $0 &* 31) }).write(to: URL(fileURLWithPath: file))
        default: try FileManager.default.createDirectory(atPath: file, withIntermediateDirectories: false)
        }
        let (automaton, outcome) = cache.automaton(patterns: Self.patterns, wordStart: Self.wordStart)
        #expect(automaton.hasSameTables(as: Self.compiled()))
        if damage == "folder" {
            // A folder where the file goes cannot be renamed over: compiled, nothing stored, nothing left behind.
            #expect(outcome == .compiledNotStored)
            #expect(Self.files(cache.directory) == ["automaton-" + Hex.encode(key) + ".bin"])
        } else {
            #expect(outcome == .compiledAndStored)
            #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == Data(good), "the file is written again, whole")
            #expect(cache.automaton(patterns: Self.patterns, wordStart: Self.wordStart).1 == .loaded)
        }
    }

    @Test func aResealedFileWithAnotherVersionOrAnIndexOutOfRangeIsNotRead() throws {
        let key = PatternAutomaton.storedKey(patterns: Self.patterns, wordStart: Self.wordStart, codeIdentity: Self.identity)
        let good = Self.compiled().stored(key: key)
        #expect(PatternAutomaton(stored: good, key: key, patterns: Self.patterns) != nil)
        // The checksum is right in each, so only the checks behind it can refuse them.
        func resealed(_ change: (inout [UInt8]) -> Void) -> [UInt8] {
            var body = Array(good.dropLast(32))
            change(&body)
            return PatternAutomaton.sealed(body)
        }
        let headerSize = 4 + 4 + 32 + 7 * 4
        let cases: [String: [UInt8]] = [
            "version": resealed { $0[4] &+= 1 },
            "key": resealed { $0[8] ^= 0xFF },
            "transition out of range": resealed { body in
                for k in 0..<4 { body[headerSize + 256 + k] = 0x7F }
            },
            "output mark": resealed { body in
                // The first transition's row, marked as a state with outputs (or unmarked).
                let i = headerSize + 256
                let v = UInt32(body[i]) | UInt32(body[i + 1]) << 8 | UInt32(body[i + 2]) << 16 | UInt32(body[i + 3]) << 24
                let flipped = ~v
                for k in 0..<4 { body[i + k] = UInt8(truncatingIfNeeded: flipped >> UInt32(8 * k)) }
            },
            "pattern length": resealed { body in body[body.count - 4] &+= 1 },
        ]
        for (name, bytes) in cases {
            #expect(PatternAutomaton(stored: bytes, key: key, patterns: Self.patterns) == nil, "\(name)")
        }
        // Other patterns under the same key (a hash collision) fail the own-text check or the lengths.
        var patterns = Self.patterns
        patterns[0] = Array("kin".utf8)
        #expect(PatternAutomaton(stored: good, key: key, patterns: patterns) == nil)
    }

    @Test func anUnwritableFolderCompilesAndStoresNothing() throws {
        // A regular file where a parent folder should be: the folder cannot be made, whoever runs the test.
        let parent = try Self.folder()
        try Data("not a folder".utf8).write(to: URL(fileURLWithPath: parent + "/file"))
        let cache = AutomatonCache(directory: parent + "/file/seedwatch", codeIdentity: Self.identity)
        for _ in 0..<2 {
            let (automaton, outcome) = cache.automaton(patterns: Self.patterns, wordStart: Self.wordStart)
            #expect(outcome == .compiledNotStored)
            #expect(automaton.hasSameTables(as: Self.compiled()))
        }
        #expect(Self.files(parent) == ["file"])
    }

    @Test func aStoreRemovesTheFolderFilesNotWrittenForAWeek() throws {
        let cache = AutomatonCache(directory: try Self.folder(), codeIdentity: Self.identity)
        let old = cache.directory + "/automaton-old.bin"
        let torn = cache.directory + "/automaton-torn.bin.1.2.tmp"
        let recent = cache.directory + "/automaton-recent.bin"
        let unrelated = cache.directory + "/notes.txt"
        for file in [old, torn, recent, unrelated] { try Data([1]).write(to: URL(fileURLWithPath: file)) }
        let eightDaysAgo = Date().addingTimeInterval(-8 * 24 * 3600)
        for file in [old, torn, unrelated] {
            try FileManager.default.setAttributes([.modificationDate: eightDaysAgo], ofItemAtPath: file)
        }
        _ = cache.automaton(patterns: Self.patterns, wordStart: Self.wordStart)
        let key = PatternAutomaton.storedKey(patterns: Self.patterns, wordStart: Self.wordStart, codeIdentity: Self.identity)
        #expect(Self.files(cache.directory) == ["automaton-" + Hex.encode(key) + ".bin", "automaton-recent.bin", "notes.txt"])
    }

    @Test func theStandardFolderFollowsSystemdThenXDGThenHome() {
        #expect(AutomatonCache.standardDirectory(environment: ["CACHE_DIRECTORY": "/var/cache/seedwatch:/other", "XDG_CACHE_HOME": "/x",
                                                               "HOME": "/home/u"]) == "/var/cache/seedwatch")
        #expect(AutomatonCache.standardDirectory(environment: ["XDG_CACHE_HOME": "/x", "HOME": "/home/u"]) == "/x/seedwatch")
        // The XDG specification ignores a relative path.
        #expect(AutomatonCache.standardDirectory(environment: ["XDG_CACHE_HOME": "x", "HOME": "/home/u"]) == "/home/u/.cache/seedwatch")
        #expect(AutomatonCache.standardDirectory(environment: [:]) == nil)
        #expect(AutomatonCache.standardDirectory(environment: ["SEEDWATCH_AUTOMATON_CACHE": "off", "HOME": "/home/u"]) == nil)
    }
}
