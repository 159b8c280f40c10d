import Foundation
import SeedwatchCore

/// Builds the sinks of the `outputs:` configuration (DESIGN §11).
package enum OutputSinks {
    /// An output could not be set up: names the output, the key and the file at fault, and what is wrong.
    package struct SetupError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The output's name (`outputs[].name`).
        package var output: String
        /// The key that names the file: `secret_file` or `credentials_file`.
        package var key: String
        /// The file, as configured.
        package var file: String
        package var problem: Problem

        /// What is wrong with the file.
        package enum Problem: Sendable, Equatable, CustomStringConvertible {
            /// The file cannot be read: `missing` when nothing is there, else permission denied or
            /// not a regular file.
            case unreadable(missing: Bool)
            /// The credentials are not UTF-8.
            case notUTF8
            /// The credentials are not one line `user:password`.
            case notUserPassword

            package var description: String {
                switch self {
                case .unreadable(let missing): return "cannot read (" + (missing ? "no such file" : "permission denied or not a regular file") + ")"
                case .notUTF8: return "not UTF-8"
                case .notUserPassword: return "expected one line user:password"
                }
            }
        }

        package init(output: String, key: String, file: String, problem: Problem) {
            self.output = output
            self.key = key
            self.file = file
            self.problem = problem
        }

        package var description: String { "outputs: \(output): \(key) \(file): \(problem)" }
    }

    /// The sink of one configured output.
    /// - Parameter watchCount: how many watches are configured: with more than one, an e-mail
    ///   subject names the alert's watch.
    /// - Throws: ``SetupError`` when a secret or credentials file cannot be read.
    package static func make(_ output: OutputConfiguration, watchCount: Int = 1) throws -> any AlertSink {
        switch output.kind {
        case .webhook(let webhook):
            let key = try webhook.secretFile.map { WebhookSignature.key(fromSecretFile: try read($0, output: output.name, key: "secret_file")) }
            return WebhookSink(name: output.name, url: webhook.url, key: key)
        case .email(let email):
            let credentials = try email.credentialsFile.map { try EmailCredentials.parse(read($0, output: output.name, key: "credentials_file"), file: $0, output: output.name) }
            var sink = EmailSink(name: output.name, settings: email, credentials: credentials)
            sink.namesWatch = watchCount > 1
            return sink
        }
    }

    /// The queued sinks of the `outputs:` configuration, in its order, each with its `min_level`
    /// and retry policy.
    /// - Throws: ``SetupError`` when a secret or credentials file cannot be read.
    package static func queued(_ outputs: [OutputConfiguration], watchCount: Int = 1) throws -> [QueuedAlertSink] {
        try outputs.map { QueuedAlertSink(sink: try make($0, watchCount: watchCount), minimumLevel: $0.minimumLevel, retry: retry($0), mode: $0.mode, digest: $0.digest) }
    }

    /// The retry policy of an output: the default back-off with its `give_up_after`.
    package static func retry(_ output: OutputConfiguration) -> DeliveryRetry {
        DeliveryRetry(giveUpAfterSeconds: output.giveUpAfterSeconds)
    }

    static func read(_ path: String, output: String, key: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SetupError(output: output, key: key, file: path, problem: .unreadable(missing: !FileManager.default.fileExists(atPath: path)))
        }
        return [UInt8](data)
    }
}
