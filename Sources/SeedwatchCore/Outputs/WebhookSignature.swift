import Crypto
import Foundation

/// The `X-Seedwatch-Signature` header of a webhook request (DESIGN §11):
/// `sha256=` + the lower-case hex HMAC-SHA256 (RFC 2104, FIPS 180-4) of the request body, keyed
/// with the bytes of the output's secret file minus one trailing newline (`\n` or `\r\n`), so a
/// secret written by `echo` or an editor signs the same as one written with `printf`.
///
/// A receiver checks it by computing the same HMAC over the raw body it received.
public enum WebhookSignature {
    /// The header's name.
    public static let headerName = "X-Seedwatch-Signature"

    /// The key: the secret file's bytes without one trailing `\n` or `\r\n`.
    public static func key(fromSecretFile bytes: [UInt8]) -> [UInt8] {
        var key = bytes
        if key.last == 0x0A { key.removeLast() }
        if key.last == 0x0D { key.removeLast() }
        return key
    }

    /// The header's value for `body` signed with `key` (already trimmed by ``key(fromSecretFile:)``).
    public static func value(body: [UInt8], key: [UInt8]) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: key))
        return "sha256=" + code.map { String(format: "%02x", $0) }.joined()
    }
}
