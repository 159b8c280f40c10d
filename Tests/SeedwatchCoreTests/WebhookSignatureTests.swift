import SeedwatchCore
import Testing

@Suite("Webhook signature")
struct WebhookSignatureTests {
    @Test func isHexHMACSHA256OfTheBody() {
        // RFC 4231 §4.3, test case 2.
        #expect(WebhookSignature.value(body: Array("what do ya want for nothing?".utf8), key: Array("Jefe".utf8))
            == "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func theSecretFileLosesOneTrailingNewline() {
        #expect(WebhookSignature.key(fromSecretFile: Array("Jefe\n".utf8)) == Array("Jefe".utf8))
        #expect(WebhookSignature.key(fromSecretFile: Array("Jefe\r\n".utf8)) == Array("Jefe".utf8))
        #expect(WebhookSignature.key(fromSecretFile: Array("Jefe\n\n".utf8)) == Array("Jefe\n".utf8))
        #expect(WebhookSignature.key(fromSecretFile: Array("Jefe".utf8)) == Array("Jefe".utf8))
    }
}
