import Crypto

/// Identity rules of DESIGN §6–§7: article keys and alert ids.
public enum ArticleIdentity {
    /// The article key of a dropped file: `file:` + hex SHA-256 of its bytes. A rename keeps it;
    /// an edit changes it.
    public static func fileKey(bytes: [UInt8]) -> String {
        "file:" + Hex.encode(Array(SHA256.hash(data: bytes)))
    }

    /// The article key of a feed item: `feed:` + the feed's first configured URL + NUL + the item key.
    public static func feedKey(feedURL: String, itemKey: String) -> String {
        "feed:" + feedURL + "\u{0}" + itemKey
    }

    /// The alert id: the first 8 bytes of SHA-256(watch ␀ article key ␀ model version), as 16 lower-case hex digits.
    public static func alertID(watch: String, articleKey: String, modelVersion: String) -> String {
        var data = Array(watch.utf8)
        data.append(0)
        data.append(contentsOf: articleKey.utf8)
        data.append(0)
        data.append(contentsOf: modelVersion.utf8)
        return Hex.encode(Array(SHA256.hash(data: data)).prefix(8))
    }

    /// Hex SHA-256 of `bytes` (64 digits): the content hash stored for processed files.
    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        Hex.encode(Array(SHA256.hash(data: bytes)))
    }
}
