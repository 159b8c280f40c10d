import Foundation

/// Reads the `outputs:` list of `seedwatch.yaml` (DESIGN §11) strictly: unknown keys, a missing
/// `url`/`smtp`/`from`/`to`, a bad URL, a duplicate name and unknown values are errors naming
/// file, line and key.
enum OutputsReader {
    /// - Parameters:
    ///   - value: the `outputs` node (a sequence).
    ///   - base: the config file's folder, against which relative file paths resolve.
    /// - Throws: `YAMLFileError`.
    static func read(_ value: YAMLValue, base: String) throws -> [OutputConfiguration] {
        let items = try value.sequence()
        var outputs: [OutputConfiguration] = []
        var explicitNames: [Bool] = []
        for item in items {
            let m = try item.mapping(allowed: ["name", "type", "min_level", "per", "give_up_after", "url", "secret_file",
                                               "smtp", "from", "to", "credentials_file", "ca_file", "digest",
                                               "digest_time", "digest_zone"])
            guard let typeValue = m["type"] else { throw item.error("output without 'type' (webhook or email)") }
            let type = try typeValue.nonEmptyString()
            let kind: OutputConfiguration.Kind
            switch type {
            case "webhook":
                try refuse(["smtp", "from", "to", "credentials_file", "ca_file", "digest", "digest_time", "digest_zone"], in: m, type: type)
                guard let urlValue = m["url"] else { throw item.error("webhook output without 'url'") }
                let url = try urlValue.nonEmptyString()
                if let problem = FeedURLCheck.problem(url, kind: "webhook") {
                    throw urlValue.error("webhook url '\(url)' is refused: \(problem)")
                }
                let secret = try m["secret_file"].map { ConfigurationReader.absolute(try $0.nonEmptyString(), relativeTo: base) }
                kind = .webhook(.init(url: url, secretFile: secret))
            case "email":
                try refuse(["url", "secret_file"], in: m, type: type)
                guard let smtpValue = m["smtp"] else { throw item.error("email output without 'smtp' (an smtp:// or smtps:// URL)") }
                let smtp = try smtpValue.nonEmptyString()
                guard let parsed = URL(string: smtp), let scheme = parsed.scheme?.lowercased(),
                      scheme == "smtp" || scheme == "smtps", parsed.host != nil else {
                    throw smtpValue.error("smtp must be an smtp:// or smtps:// URL, got '\(smtp)'")
                }
                guard let fromValue = m["from"] else { throw item.error("email output without 'from'") }
                guard let toValue = m["to"] else { throw item.error("email output without 'to'") }
                let to = toValue.isScalar ? [try toValue.nonEmptyString()] : try toValue.sequence().map { try $0.nonEmptyString() }
                guard !to.isEmpty else { throw toValue.error("at least one recipient is required") }
                let digest = try digestSchedule(m)
                kind = .email(.init(
                    smtp: smtp, from: try fromValue.nonEmptyString(), to: to,
                    credentialsFile: try m["credentials_file"].map { ConfigurationReader.absolute(try $0.nonEmptyString(), relativeTo: base) },
                    caFile: try m["ca_file"].map { ConfigurationReader.absolute(try $0.nonEmptyString(), relativeTo: base) },
                    digest: digest))
            default:
                throw typeValue.error("unknown output type '\(type)'; expected webhook or email")
            }
            var output = OutputConfiguration(name: try m["name"]?.nonEmptyString() ?? type, kind: kind)
            explicitNames.append(m["name"] != nil)
            if let v = m["min_level"] {
                guard let level = AlertLevel(rawValue: try v.nonEmptyString()) else { throw v.error("min_level must be notice or alert") }
                output.minimumLevel = level
            }
            if let v = m["per"] {
                if kind.digest != nil {
                    throw v.error("'per' does not apply to a digest: it lists each story once, its repeats counted under it")
                }
                guard let mode = OutputConfiguration.Mode(rawValue: try v.nonEmptyString()) else { throw v.error("per must be story or alert") }
                output.mode = mode
            }
            if let v = m["give_up_after"] {
                output.giveUpAfterSeconds = try v.durationSeconds()
                guard output.giveUpAfterSeconds > 0 else { throw v.error("give_up_after must be above 0") }
            }
            if output.name == OutputConfiguration.alertLogName {
                throw (m["name"] ?? item).error("the name 'log' is the alert log's; choose another")
            }
            if outputs.contains(where: { $0.name == output.name }) {
                let hint = explicitNames.last == true ? "" : "; give each output of this type a 'name'"
                throw (m["name"] ?? item).error("two outputs are named '\(output.name)'\(hint)")
            }
            outputs.append(output)
        }
        return outputs
    }

    /// `digest: none|hourly|daily`, `digest_time: "HH:MM"` (daily only, default `07:00`) and
    /// `digest_zone` (an IANA zone such as `Europe/Berlin`, default the machine's local zone).
    private static func digestSchedule(_ m: [String: YAMLValue]) throws -> DigestSchedule? {
        let mode = try m["digest"]?.nonEmptyString() ?? "none"
        let zone: TimeZone
        if let v = m["digest_zone"] {
            let name = try v.nonEmptyString()
            guard let z = TimeZone(identifier: name) else { throw v.error("digest_zone '\(name)' is not a time zone name (e.g. Europe/Berlin, UTC)") }
            zone = z
        } else {
            zone = .current
        }
        switch mode {
        case "none":
            for key in ["digest_time", "digest_zone"] {
                if let v = m[key] { throw v.error("'\(key)' needs 'digest: daily' or 'digest: hourly'") }
            }
            return nil
        case "hourly":
            if let v = m["digest_time"] { throw v.error("'digest_time' applies to 'digest: daily' only") }
            return DigestSchedule(period: .hourly, timeZone: zone)
        case "daily":
            var time = (hour: 7, minute: 0)
            if let v = m["digest_time"] {
                let text = try v.nonEmptyString()
                guard let t = DigestSchedule.timeOfDay(text) else { throw v.error("digest_time must be HH:MM (24-hour), got '\(text)'") }
                time = t
            }
            return DigestSchedule(period: .daily(hour: time.hour, minute: time.minute), timeZone: zone)
        default:
            throw m["digest"]!.error("digest must be none, hourly or daily, got '\(mode)'")
        }
    }

    private static func refuse(_ keys: [String], in mapping: [String: YAMLValue], type: String) throws {
        for key in keys {
            if let v = mapping[key] { throw v.error("'\(key)' does not apply to a \(type) output") }
        }
    }
}
