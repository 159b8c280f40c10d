import Foundation

/// One sink of the `outputs:` list (DESIGN §11): where alerts go besides the alert log.
///
/// Each output is named (unique; the name `log` is the alert log's), has a kind with its own
/// settings, a minimum level, a mode (`per`) and a give-up time after which an undelivered alert
/// becomes a dead letter.
public struct OutputConfiguration: Sendable, Hashable {
    /// What the output sends alerts with.
    public enum Kind: Sendable, Hashable {
        /// A JSON POST of the alert line to `url`, signed with the bytes of `secretFile`.
        case webhook(Webhook)
        /// One e-mail per alert, or one digest per period, through SMTP.
        case email(Email)

        /// The digest schedule of an e-mail output with `digest: hourly|daily`, else `nil`.
        public var digest: DigestSchedule? {
            if case .email(let email) = self { return email.digest }
            return nil
        }

        /// The `type:` of the configuration: `webhook` or `email`.
        public var typeName: String {
            switch self {
            case .webhook: return "webhook"
            case .email: return "email"
            }
        }
    }

    /// `{type: webhook, url, secret_file}`.
    public struct Webhook: Sendable, Hashable {
        /// An absolute `http://` or `https://` URL.
        public var url: String
        /// The file whose bytes (one trailing newline removed) are the HMAC key; absolute.
        public var secretFile: String?

        public init(url: String, secretFile: String? = nil) {
            self.url = url
            self.secretFile = secretFile
        }
    }

    /// `{type: email, smtp, from, to, credentials_file, ca_file, digest}`.
    public struct Email: Sendable, Hashable {
        /// An `smtp://` (STARTTLS when the server offers it, required unless the host is loopback)
        /// or `smtps://` URL, e.g. `smtps://mail.example.org:465`.
        public var smtp: String
        /// The sender address.
        public var from: String
        /// The recipients' addresses (at least one).
        public var to: [String]
        /// A file holding one line `user:password`; absolute.
        public var credentialsFile: String?
        /// A PEM file of CA certificates to verify the server with; absolute.
        public var caFile: String?
        /// `digest: hourly|daily` (with `digest_time`, `digest_zone`): one message per period
        /// instead of one per alert; `nil` for `digest: none`, the default.
        public var digest: DigestSchedule?

        public init(smtp: String, from: String, to: [String], credentialsFile: String? = nil, caFile: String? = nil,
                    digest: DigestSchedule? = nil) {
            self.smtp = smtp
            self.from = from
            self.to = to
            self.credentialsFile = credentialsFile
            self.caFile = caFile
            self.digest = digest
        }
    }

    /// Which alerts an output sends (issue 12): `story` sends a story's first alert and each member
    /// that adds an actor or a higher level, never a repeat (`"repeat": true`); `alert` sends every alert.
    public enum Mode: String, Sendable, Hashable, CaseIterable {
        case story
        case alert
    }

    /// The name the alert log has in `seedwatch outputs`; no output may take it.
    public static let alertLogName = "log"
    /// The default ``giveUpAfterSeconds``: 24 hours.
    public static let defaultGiveUpAfterSeconds: Double = 86_400

    /// Unique among the outputs; defaults to the type when only one output has that type.
    public var name: String
    public var kind: Kind
    /// Alerts below this level are not sent (`min_level`, default `alert`).
    public var minimumLevel: AlertLevel = .alert
    /// `per`, default `story`.
    public var mode: Mode = .story
    /// How long, in seconds from an alert's decision, delivery is retried before the alert becomes
    /// a dead letter (`give_up_after`, default 24 h).
    public var giveUpAfterSeconds: Double = OutputConfiguration.defaultGiveUpAfterSeconds

    public init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }

    /// The digest schedule of an e-mail output with `digest: hourly|daily`, else `nil`.
    public var digest: DigestSchedule? {
        kind.digest
    }

    /// Whether an alert at `level` goes to this output.
    public func accepts(_ level: AlertLevel) -> Bool {
        level >= minimumLevel
    }
}
