import Crypto
import Foundation

/// Stored loaded models: a watch's ``WatchModel`` as ``ModelLoader`` made it from `model.yaml` and the
/// shipped knowledge, kept beside the stored automata (``AutomatonCache``) so that `scan` and the
/// daemon's start decode it instead of parsing the YAML and merging the knowledge again (38 % of the
/// CPU of a `scan` of one line).
///
/// One file per model, `model-<key in hex>.bin`: `"SWWM"`, the format version (UInt32,
/// little-endian), the 32-byte key (``storedModelKey(modelBytes:watch:knowledge:)``), the payload,
/// then the SHA-256 of everything before it. The payload (``StoredModelForm``) is the model without
/// its actors, exclusions and topics as JSON (`Codable`: the watch, version and scoring rules, so
/// that a property added to them later is stored without a change here), then its actors, aliases,
/// exclusions, topics and terms in a binary form that decodes in a millisecond (the whole model as
/// JSON took a fifth of the CPU of a `scan` of one article). The key hashes the model file's bytes, the watch name, the bytes of every
/// shipped knowledge file, ``storedModelFormatVersion`` and the running executable's identity
/// (``codeIdentity``): another model, other knowledge or another build never reads a file it did not
/// write. A missing, corrupt or foreign file is passed over, the model loaded from its YAML and
/// stored again (atomically, as the automata are); a model that does not load stores nothing, so its
/// errors are thrown as before.
extension AutomatonCache {
    /// The version of the stored model's layout. Bump it when the layout or what ``ModelLoader``
    /// makes of the same bytes changes in a way the executable's identity does not cover.
    public static let storedModelFormatVersion: UInt32 = 2

    static let storedModelMagic: [UInt8] = Array("SWWM".utf8)

    /// The bytes of the shipped knowledge (every file of SeedwatchCore's `Knowledge` resource folder,
    /// by name, with its name and length), read once: part of every stored model's key. Empty when
    /// the folder cannot be read (then loading the model from YAML reports the fault).
    static let shippedKnowledgeBytes: [UInt8] = {
        guard let folder = Bundle.module.resourceURL?.appendingPathComponent("Knowledge").path,
              let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        var out: [UInt8] = []
        for name in names.sorted() {
            guard let data = FileManager.default.contents(atPath: folder + "/" + name) else { continue }
            PatternAutomaton.appendUInt32(UInt32(truncatingIfNeeded: name.utf8.count), to: &out)
            out += Array(name.utf8)
            PatternAutomaton.appendUInt32(UInt32(truncatingIfNeeded: data.count), to: &out)
            out += data
        }
        return out
    }()

    /// The key of the model loaded from `modelBytes` for `watch` with `knowledge` (the bytes of the
    /// knowledge it may draw from) by the code ``codeIdentity`` names: a SHA-256, 32 bytes.
    public func storedModelKey(modelBytes: [UInt8], watch: String, knowledge: [UInt8]) -> [UInt8] {
        var head: [UInt8] = Self.storedModelMagic
        PatternAutomaton.appendUInt32(Self.storedModelFormatVersion, to: &head)
        for part in [codeIdentity, Array(watch.utf8), knowledge] {
            PatternAutomaton.appendUInt32(UInt32(truncatingIfNeeded: part.count), to: &head)
            head += part
        }
        var hasher = SHA256()
        hasher.update(data: head)
        hasher.update(data: modelBytes)
        return Array(hasher.finalize())
    }

    /// The path of the stored model of `key`.
    public func modelPath(key: [UInt8]) -> String {
        directory + "/model-" + Hex.encode(key) + ".bin"
    }

    /// The model of `bytes` (the content of `model.yaml` at `file`, of watch `watch`), loaded with
    /// the shipped knowledge: read from its stored file when that passes every check, else loaded by
    /// ``ModelLoader/load(bytes:file:watch:knowledge:)`` and stored.
    /// - Returns: the model (the same either way) and what was done (``Outcome/compiledAndStored``:
    ///   loaded from YAML and stored).
    /// - Throws: what ``ModelLoader/load(bytes:file:watch:knowledge:)`` throws (nothing is stored then).
    public func model(bytes: [UInt8], file: String, watch: String) throws -> (WatchModel, Outcome) {
        let key = storedModelKey(modelBytes: bytes, watch: watch, knowledge: Self.shippedKnowledgeBytes)
        let path = modelPath(key: key)
        if let stored = Self.read(path), let model = Self.storedModel(stored, key: key) {
            return (model, .loaded)
        }
        let model = try ModelLoader.load(bytes: bytes, file: file, watch: watch)
        guard let stored = Self.storedForm(of: model, key: key) else { return (model, .compiledNotStored) }
        return (model, store(stored, at: path) ? .compiledAndStored : .compiledNotStored)
    }

    /// The stored form of `model` under `key` (32 bytes), or `nil` when it cannot be encoded (a weight
    /// that JSON cannot hold, such as an infinity).
    public static func storedForm(of model: WatchModel, key: [UInt8]) -> [UInt8]? {
        precondition(key.count == 32, "a stored model's key is 32 bytes")
        var out = storedModelMagic
        PatternAutomaton.appendUInt32(storedModelFormatVersion, to: &out)
        out += key
        guard StoredModelForm.append(model, to: &out) else { return nil }
        return PatternAutomaton.sealed(out)
    }

    /// Reads a stored model, or `nil` when `stored` has the wrong magic, format version, key or
    /// checksum, or does not decode.
    public static func storedModel(_ stored: [UInt8], key: [UInt8]) -> WatchModel? {
        guard let payload = PatternAutomaton.sealedPayload(stored, magic: storedModelMagic,
                                                           version: storedModelFormatVersion, key: key) else { return nil }
        return StoredModelForm.read(stored, payload)
    }
}

/// The payload of a stored model (``AutomatonCache/storedForm(of:key:)``), all integers
/// little-endian:
/// - the JSON length (UInt32) and the JSON (sorted keys) of the model with no actors, exclusions or topics;
/// - the actors (UInt32 count), each: id, name, kind, affiliation?, knowledge?, aliases (UInt32
///   count), each alias: text, case-sensitive (UInt8), weak (UInt8), languages (UInt16 mask), confirmed-by list;
/// - the exclusions (UInt32 count), each: text, case-sensitive;
/// - the topics (UInt32 count), each: id, name, terms (UInt32 count), each term: text, weight
///   (Float64 bits, UInt64), case-sensitive, languages, requires list, within (Int64), not-after list.
///
/// A string is its UTF-8 length (UInt32) and bytes; an optional string a flag byte (0 or 1) and the
/// string; a list a count (UInt32) and its strings. ``StoredModelTests`` checks that every stored
/// property of the five types is written (a property added later must be added here).
enum StoredModelForm {
    /// Appends the payload of `model` to `out`. Returns `false` when the rest cannot be JSON (a
    /// weight of the rules that JSON cannot hold, such as an infinity).
    static func append(_ model: WatchModel, to out: inout [UInt8]) -> Bool {
        var rest = model
        rest.actors = []
        rest.exclusions = []
        rest.topics = []
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys  // the same bytes for the same model (dictionaries have no order)
        guard let json = try? encoder.encode(rest) else { return false }
        var w = Writer(out: out)
        out = []
        w.count(json.count)
        w.out += json
        w.count(model.actors.count)
        for actor in model.actors {
            w.string(actor.id)
            w.string(actor.name)
            w.string(actor.kind.rawValue)
            w.optional(actor.affiliation)
            w.optional(actor.knowledge)
            w.count(actor.aliases.count)
            for alias in actor.aliases {
                w.string(alias.text)
                w.flag(alias.caseSensitive)
                w.flag(alias.weak)
                w.uint16(alias.languages.mask)
                w.list(alias.confirmedBy)
            }
        }
        w.count(model.exclusions.count)
        for exclusion in model.exclusions {
            w.string(exclusion.text)
            w.flag(exclusion.caseSensitive)
        }
        w.count(model.topics.count)
        for topic in model.topics {
            w.string(topic.id)
            w.string(topic.name)
            w.count(topic.terms.count)
            for term in topic.terms {
                w.string(term.text)
                w.uint64(term.weight.bitPattern)
                w.flag(term.caseSensitive)
                w.uint16(term.languages.mask)
                w.list(term.requires)
                w.uint64(UInt64(bitPattern: Int64(term.within)))
                w.list(term.notAfter)
            }
        }
        out = w.out
        return true
    }

    /// The model in `stored[payload]`, or `nil` when it does not decode or does not end exactly at
    /// the payload's end.
    static func read(_ stored: [UInt8], _ payload: Range<Int>) -> WatchModel? {
        var r = Reader(bytes: stored, at: payload.lowerBound, end: payload.upperBound)
        guard let jsonCount = r.count(), let json = r.bytes(jsonCount),
              var model = try? JSONDecoder().decode(WatchModel.self, from: Data(json)),
              model.actors.isEmpty, model.exclusions.isEmpty, model.topics.isEmpty,
              let actorCount = r.count() else { return nil }
        model.actors.reserveCapacity(actorCount)
        for _ in 0..<actorCount {
            guard let id = r.string(), let name = r.string(), let kind = r.string().flatMap(Actor.Kind.init(rawValue:)),
                  let affiliation = r.optional(), let knowledge = r.optional(), let aliasCount = r.count() else { return nil }
            var aliases: [Alias] = []
            aliases.reserveCapacity(aliasCount)
            for _ in 0..<aliasCount {
                guard let text = r.string(), let caseSensitive = r.flag(), let weak = r.flag(), let mask = r.uint16(),
                      let confirmedBy = r.list() else { return nil }
                aliases.append(Alias(text, caseSensitive: caseSensitive, weak: weak, languages: LanguageSet(mask: mask),
                                     confirmedBy: confirmedBy))
            }
            model.actors.append(Actor(id: id, name: name, kind: kind, affiliation: affiliation, aliases: aliases, knowledge: knowledge))
        }
        guard let exclusionCount = r.count() else { return nil }
        for _ in 0..<exclusionCount {
            guard let text = r.string(), let caseSensitive = r.flag() else { return nil }
            model.exclusions.append(Exclusion(text, caseSensitive: caseSensitive))
        }
        guard let topicCount = r.count() else { return nil }
        for _ in 0..<topicCount {
            guard let id = r.string(), let name = r.string(), let termCount = r.count() else { return nil }
            var terms: [TopicTerm] = []
            terms.reserveCapacity(termCount)
            for _ in 0..<termCount {
                guard let text = r.string(), let weight = r.uint64().map(Double.init(bitPattern:)), let caseSensitive = r.flag(),
                      let mask = r.uint16(), let requires = r.list(), let within = r.uint64(), let notAfter = r.list() else { return nil }
                terms.append(TopicTerm(text, weight: weight, caseSensitive: caseSensitive, languages: LanguageSet(mask: mask),
                                       requires: requires, within: Int(Int64(bitPattern: within)), notAfter: notAfter))
            }
            model.topics.append(Topic(id: id, name: name, terms: terms))
        }
        return r.offset == r.end ? model : nil
    }

    struct Writer {
        var out: [UInt8]
        mutating func count(_ n: Int) { PatternAutomaton.appendUInt32(UInt32(truncatingIfNeeded: n), to: &out) }
        mutating func flag(_ b: Bool) { out.append(b ? 1 : 0) }
        mutating func uint16(_ v: UInt16) {
            out.append(UInt8(truncatingIfNeeded: v))
            out.append(UInt8(truncatingIfNeeded: v >> 8))
        }
        mutating func uint64(_ v: UInt64) {
            for shift in stride(from: 0, to: 64, by: 8) { out.append(UInt8(truncatingIfNeeded: v >> UInt64(shift))) }
        }
        mutating func string(_ s: String) {
            count(s.utf8.count)
            out += s.utf8
        }
        mutating func optional(_ s: String?) {
            flag(s != nil)
            if let s { string(s) }
        }
        mutating func list(_ strings: [String]) {
            count(strings.count)
            for s in strings { string(s) }
        }
    }

    /// Reads what ``Writer`` wrote; every read is `nil` past `end`.
    struct Reader {
        let bytes: [UInt8]
        var offset: Int
        let end: Int
        init(bytes: [UInt8], at offset: Int, end: Int) {
            self.bytes = bytes
            self.offset = offset
            self.end = end
        }
        mutating func bytes(_ n: Int) -> ArraySlice<UInt8>? {
            guard n >= 0, n <= end - offset else { return nil }
            defer { offset += n }
            return bytes[offset..<offset + n]
        }
        mutating func count() -> Int? {
            guard 4 <= end - offset else { return nil }
            defer { offset += 4 }
            return Int(PatternAutomaton.readUInt32(bytes, at: offset))
        }
        mutating func flag() -> Bool? {
            guard offset < end, bytes[offset] <= 1 else { return nil }
            defer { offset += 1 }
            return bytes[offset] == 1
        }
        mutating func uint16() -> UInt16? {
            guard 2 <= end - offset else { return nil }
            defer { offset += 2 }
            return UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
        }
        mutating func uint64() -> UInt64? {
            guard let low = count(), let high = count() else { return nil }
            return UInt64(low) | UInt64(high) << 32
        }
        mutating func string() -> String? {
            guard let n = count(), let utf8 = bytes(n) else { return nil }
            return String(validating: utf8, as: UTF8.self)
        }
        mutating func optional() -> String?? {
            guard let present = flag() else { return nil }
            guard present else { return .some(nil) }
            guard let s = string() else { return nil }
            return .some(s)
        }
        mutating func list() -> [String]? {
            guard let n = count(), n <= end - offset else { return nil }
            var out: [String] = []
            out.reserveCapacity(n)
            for _ in 0..<n {
                guard let s = string() else { return nil }
                out.append(s)
            }
            return out
        }
    }
}
