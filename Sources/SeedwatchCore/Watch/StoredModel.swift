import Crypto
import Foundation

/// Stored loaded models: a watch's ``WatchModel`` as ``ModelLoader`` made it from `model.yaml` and the
/// shipped knowledge, kept beside the stored automata (``AutomatonCache``) so that `scan` and the
/// daemon's start decode it instead of parsing the YAML and merging the knowledge again (38 % of the
/// CPU of a `scan` of one line).
///
/// One file per model, `model-<key in hex>.bin`: `"SWWM"`, the format version (UInt32,
/// little-endian), the 32-byte key (``storedModelKey(modelBytes:watch:knowledge:)``), the model as
/// JSON (`Codable`: every stored property of the model, its actors, aliases, topics, terms and
/// rules, so that a property added later is stored without a change here), then the SHA-256 of
/// everything before it. The key hashes the model file's bytes, the watch name, the bytes of every
/// shipped knowledge file, ``storedModelFormatVersion`` and the running executable's identity
/// (``codeIdentity``): another model, other knowledge or another build never reads a file it did not
/// write. A missing, corrupt or foreign file is passed over, the model loaded from its YAML and
/// stored again (atomically, as the automata are); a model that does not load stores nothing, so its
/// errors are thrown as before.
extension AutomatonCache {
    /// The version of the stored model's layout. Bump it when the layout or what ``ModelLoader``
    /// makes of the same bytes changes in a way the executable's identity does not cover.
    public static let storedModelFormatVersion: UInt32 = 1

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
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys  // the same bytes for the same model (dictionaries have no order)
        guard let json = try? encoder.encode(model) else { return nil }
        var out = storedModelMagic
        PatternAutomaton.appendUInt32(storedModelFormatVersion, to: &out)
        out += key
        out += json
        return PatternAutomaton.sealed(out)
    }

    /// Reads a stored model, or `nil` when `stored` has the wrong magic, format version, key or
    /// checksum, or does not decode.
    public static func storedModel(_ stored: [UInt8], key: [UInt8]) -> WatchModel? {
        guard let payload = PatternAutomaton.sealedPayload(stored, magic: storedModelMagic,
                                                           version: storedModelFormatVersion, key: key) else { return nil }
        return try? JSONDecoder().decode(WatchModel.self, from: Data(stored[payload]))
    }
}
