import SeedwatchCore
import Testing

/// The SMTP lines kept to explain a failed e-mail delivery (RFC 5321 replies), without credentials.
@Suite("SMTP dialogue")
struct SMTPDialogueTests {
    @Test func aMultiLineReplyIsKeptWholeAndTheNextReplyReplacesIt() {
        var d = SMTPDialogue()
        #expect(d.answered == "the connection (greeting)")
        d.received("220 mail.example.org ESMTP\r\n")
        d.sent("EHLO client\r\n")
        d.received("250-mail.example.org\r\n")
        d.received("250 AUTH PLAIN LOGIN\r\n")
        #expect(d.lastReply == ["250-mail.example.org", "250 AUTH PLAIN LOGIN"])
        d.sent("MAIL FROM:<seedwatch@example.org>\r\n")
        d.received("452-4.3.1 mailbox full\r\n")
        d.received("452 4.3.1 try later\r\n")
        #expect(d.failure(url: "smtp://mail.example.org:587", subject: "alert 27b11c23bbab1e66", curlError: "Command failed: 452")
            == #"smtp://mail.example.org:587 replied "452-4.3.1 mailbox full" "452 4.3.1 try later" to MAIL FROM:<seedwatch@example.org> (sending alert 27b11c23bbab1e66)"#)
    }

    @Test func aRefusalIsNotHiddenByTheQuitThatFollowsIt() {
        var d = SMTPDialogue()
        d.sent("RCPT TO:<desk@example.org>")
        d.received("550 5.1.1 no such user")
        d.sent("QUIT")
        d.received("221 bye")
        #expect(d.failure(url: "smtp://127.0.0.1:2525", subject: "alert a", curlError: "RCPT failed: 550")
            == #"smtp://127.0.0.1:2525 replied "550 5.1.1 no such user" to RCPT TO:<desk@example.org> (sending alert a)"#)
    }

    @Test func credentialsNeverEnterIt() {
        var d = SMTPDialogue()
        d.sent("AUTH PLAIN AGFuYWx5c3QAczNjcmV0\r\n")
        #expect(d.lastCommand == "AUTH PLAIN")
        d.sent("AUTH LOGIN\r\n")
        d.received("334 VXNlcm5hbWU6\r\n")
        d.sent("YW5hbHlzdA==\r\n")
        #expect(d.lastCommand == "authentication data")
        // A SASL line that happens to start like a command is still authentication data.
        d.received("334 UGFzc3dvcmQ6\r\n")
        d.sent("HELPc2VjcmV0\r\n")
        #expect(d.lastCommand == "authentication data")
        d.received("235 2.7.0 accepted\r\n")
        d.sent("MAIL FROM:<seedwatch@example.org>\r\n")
        #expect(d.lastCommand == "MAIL FROM:<seedwatch@example.org>")
    }

    @Test func theReplyAfterTheMessageAnswersTheMessage() {
        var d = SMTPDialogue()
        d.sent("DATA")
        d.received("354 end data with <CR><LF>.<CR><LF>")
        d.received("554 5.7.1 message rejected as spam")
        #expect(d.answered == "the message (after DATA)")
        #expect(d.failure(url: "smtps://mail.example.org:465", subject: "the daily digest", curlError: "Failed sending data")
            == #"smtps://mail.example.org:465 replied "554 5.7.1 message rejected as spam" to the message (after DATA) (sending the daily digest)"#)
    }

    @Test func withoutAnErrorReplyLibcurlsTextIsKeptWithTheLastCommand() {
        var d = SMTPDialogue()
        #expect(d.failure(url: "smtp://127.0.0.1:2525", subject: "alert a", curlError: "Couldn't connect to server")
            == "smtp://127.0.0.1:2525: Couldn't connect to server (sending alert a)")
        d.received("220 ok")
        d.sent("QUIT")
        #expect(d.failure(url: "smtp://127.0.0.1:2525", subject: "alert a", curlError: "Operation timed out after 30000 milliseconds")
            == "smtp://127.0.0.1:2525: Operation timed out after 30000 milliseconds (after QUIT) (sending alert a)")
    }

    @Test func replyCodesFollowRFC5321() {
        #expect(SMTPDialogue.replyCode("250 ok") == 250)
        #expect(SMTPDialogue.replyCode("250-first") == 250)
        #expect(SMTPDialogue.replyCode("354") == 354)
        #expect(SMTPDialogue.replyCode("HTTP/1.1 400 Bad Request") == nil)
        #expect(SMTPDialogue.replyCode("150 not a reply class") == nil)
        #expect(SMTPDialogue.replyCode("2500 too long") == nil)
    }
}
