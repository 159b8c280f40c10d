import Foundation
import SeedwatchCore

/// Builds the sinks of the `outputs:` configuration (DESIGN §11).
package enum OutputSinks {
    /// An output could not be set up; names the output and the file or value at fault.
    package struct SetupError: Error, CustomStringConvertible {
        package var description: String
    }

    /// The sink of one configured output.
    /// - Throws: ``SetupError`` when a secret or credentials file cannot be read.
    package static func make(_ output: OutputConfiguration) throws -> any AlertSink {
        switch output.kind {
        case .webhook(let webhook):
            let key = try webhook.secretFile.map { WebhookSignature.key(fromSecretFile: try read($0, output: output.name, key: "secret_file")) }
            return WebhookSink(name: output.name, url: webhook.url, key: key)
        case .email(let email):
            let credentials = try email.credentialsFile.map { try EmailCredentials.parse(read($0, output: output.name, key: "credentials_file"), file: $0, output: output.name) }
            return EmailSink(name: output.name, settings: email, credentials: credentials)
        }
    }

    /// The queued sinks of the `outputs:` configuration, in its order, each with its `min_level`
    /// and retry policy.
    /// - Throws: ``SetupError`` when a secret or credentials file cannot be read.
    package static func queued(_ outputs: [OutputConfiguration]) throws -> [QueuedAlertSink] {
        try outputs.map { QueuedAlertSink(sink: try make($0), minimumLevel: $0.minimumLevel, retry: retry($0), mode: $0.mode, digest: $0.digest) }
    }

    /// The retry policy of an output: the default back-off with its `give_up_after`.
    package static func retry(_ output: OutputConfiguration) -> DeliveryRetry {
        DeliveryRetry(giveUpAfterSeconds: output.giveUpAfterSeconds)
    }

    static func read(_ path: String, output: String, key: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "permission denied or not a regular file" : "no such file"
            throw SetupError(description: "outputs: \(output): \(key) \(path): cannot read (\(reason))")
        }
        return [UInt8](data)
    }
}
