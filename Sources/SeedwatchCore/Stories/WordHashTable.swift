/// A set of words looked up by their 64-bit FNV-1a hash (``ContentWords/fnv1a(_:)``) and then
/// confirmed byte for byte, so that a word read from a text is tested without making a `String`:
/// open addressing with linear probing, a power-of-two number of slots at most half full.
struct WordHashTable: Sendable {
    private var hashes: [UInt64]
    /// 1 + the index into ``starts`` of each slot's word; 0 for an empty slot.
    private var slots: [Int32]
    /// The words' UTF-8 bytes one after another: word `k` is `bytes[starts[k]..<starts[k + 1]]`
    /// (one flat buffer, compared in place: no array per word to reach through).
    private var bytes: [UInt8]
    private var starts: [Int32]
    private let mask: Int

    /// The table of `words`.
    init(_ words: Set<String>) {
        var size = 16
        while size < words.count * 2 { size *= 2 }
        mask = size - 1
        hashes = [UInt64](repeating: 0, count: size)
        slots = [Int32](repeating: 0, count: size)
        bytes = []
        starts = [0]
        for word in words {
            let hash = ContentWords.fnv1a(word)
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            bytes.append(contentsOf: word.utf8)
            starts.append(Int32(bytes.count))
            hashes[slot] = hash
            slots[slot] = Int32(starts.count - 1)
        }
    }

    /// Whether the word with UTF-8 bytes `word` and FNV-1a hash `hash` is in the table.
    @inline(__always)
    func contains(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Bool {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            if hashes[slot] == hash && equals(Int(slots[slot]) - 1, word) { return true }
            slot = (slot + 1) & mask
        }
        return false
    }

    /// Whether word `k` of the table has the bytes of `word`.
    @inline(__always)
    private func equals(_ k: Int, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(starts[k]), end = Int(starts[k + 1])
        guard end - start == word.count else { return false }
        return bytes.withUnsafeBufferPointer { stored in
            for i in 0..<word.count where stored[start + i] != word[i] { return false }
            return true
        }
    }
}

/// Distinct 64-bit hashes gathered one at a time: open addressing with linear probing (at most
/// half full, doubling), cheaper per insert than `Set<UInt64>` for the millions of words of a long
/// text, turned into a `Set` once at the end (``set``).
struct HashAccumulator {
    private var table = [UInt64](repeating: 0, count: 64)
    private var count = 0
    /// Whether 0, which marks an empty slot, is one of the hashes.
    private var hasZero = false

    /// Whether `hash` was added.
    @inline(__always)
    func contains(_ hash: UInt64) -> Bool {
        guard hash != 0 else { return hasZero }
        let mask = table.count - 1
        var slot = Int(truncatingIfNeeded: hash ^ hash >> 29) & mask
        while table[slot] != 0 {
            if table[slot] == hash { return true }
            slot = (slot + 1) & mask
        }
        return false
    }

    /// Adds `hash`.
    @inline(__always)
    mutating func insert(_ hash: UInt64) {
        guard hash != 0 else { hasZero = true; return }
        let mask = table.count - 1
        var slot = Int(truncatingIfNeeded: hash ^ hash >> 29) & mask
        while table[slot] != 0 {
            if table[slot] == hash { return }
            slot = (slot + 1) & mask
        }
        table[slot] = hash
        count += 1
        if count * 2 > table.count { grow() }
    }

    private mutating func grow() {
        let old = table
        table = [UInt64](repeating: 0, count: old.count * 2)
        count = 0
        for hash in old where hash != 0 { insert(hash) }
    }

    /// The hashes added, as a set.
    var set: Set<UInt64> {
        var result = Set<UInt64>(minimumCapacity: count + 1)
        for hash in table where hash != 0 { result.insert(hash) }
        if hasZero { result.insert(0) }
        return result
    }
}
