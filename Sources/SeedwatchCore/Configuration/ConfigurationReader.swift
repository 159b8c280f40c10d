import Foundation

/// Reads `seedwatch.yaml` strictly: unknown keys and bad values are errors naming file, line and key.
public enum ConfigurationReader {
    /// Parses configuration text.
    /// - Parameters:
    ///   - text: the YAML text.
    ///   - file: the config file's path; relative paths in it resolve against its folder.
    /// - Throws: `YAMLFileError` for invalid YAML, unknown keys, missing required keys and bad values.
    public static func parse(_ text: String, file: String) throws -> SeedwatchConfiguration {
        let absoluteFile = absolute(file, relativeTo: FileManager.default.currentDirectoryPath)
        let base = (absoluteFile as NSString).deletingLastPathComponent
        let root = try YAMLValue.parse(text, file: file)
        let top = try root.mapping(allowed: ["watches", "drop_folder", "alerts", "state", "feeds", "fetch", "metrics", "outputs", "stories"])

        guard let watchesValue = top["watches"] else { throw root.error(.missingKey("watches")) }
        var watches: [String] = []
        for w in try watchesValue.sequence() {
            watches.append(absolute(try w.nonEmptyString(), relativeTo: base))
        }
        guard !watches.isEmpty else { throw watchesValue.error("at least one watch folder is required") }
        let names = watches.map { ($0 as NSString).lastPathComponent }
        if Set(names).count != names.count { throw watchesValue.error("two watches have the same folder name") }

        guard let dropValue = top["drop_folder"] else { throw root.error(.missingKey("drop_folder")) }
        let drop = try dropValue.mapping(allowed: ["path", "settle", "max_bytes", "ignore", "rescan"])
        guard let dropPath = drop["path"] else { throw dropValue.error(.missingKey("path")) }
        var dropFolder = SeedwatchConfiguration.DropFolder(path: absolute(try dropPath.nonEmptyString(), relativeTo: base))
        if let v = drop["settle"] { dropFolder.settleSeconds = try v.durationSeconds() }
        if let v = drop["max_bytes"] {
            dropFolder.maxBytes = try v.byteCount()
            guard dropFolder.maxBytes > 0 else { throw v.error("must be above 0") }
        }
        if let v = drop["ignore"] { dropFolder.ignore = try v.sequence().map { try $0.nonEmptyString() } }
        if let v = drop["rescan"] {
            dropFolder.rescanSeconds = try v.durationSeconds()
            guard dropFolder.rescanSeconds >= 1 else { throw v.error("must be at least 1s") }
        }

        guard let alertsValue = top["alerts"] else { throw root.error(.missingKey("alerts")) }
        let alerts = try alertsValue.mapping(allowed: ["log"])
        guard let logValue = alerts["log"] else { throw alertsValue.error(.missingKey("log")) }

        guard let stateValue = top["state"] else { throw root.error(.missingKey("state")) }
        let state = try stateValue.mapping(allowed: ["path", "retention"])
        guard let statePathValue = state["path"] else { throw stateValue.error(.missingKey("path")) }

        var config = SeedwatchConfiguration(
            file: absoluteFile, watches: watches, dropFolder: dropFolder,
            alertLog: absolute(try logValue.nonEmptyString(), relativeTo: base),
            statePath: absolute(try statePathValue.nonEmptyString(), relativeTo: base))
        if let v = state["retention"] { config.retentionSeconds = try v.durationSeconds() }

        if let feedsValue = top["feeds"] {
            var seen: Set<String> = []
            for f in try feedsValue.sequence() {
                let m = try f.mapping(allowed: ["url", "title", "interval", "full_text", "max_age", "max_bytes"])
                guard let urlValue = m["url"] else { throw f.error("feed without 'url'") }
                let url = try urlValue.nonEmptyString()
                if let problem = FeedURLCheck.problem(url) { throw urlValue.error("feed url '\(url)' is refused: \(problem)") }
                guard seen.insert(url).inserted else { throw urlValue.error("feed '\(url)' is listed twice") }
                var feed = SeedwatchConfiguration.Feed(url: url)
                if let v = m["interval"] {
                    feed.intervalSeconds = try v.durationSeconds()
                    guard feed.intervalSeconds >= SeedwatchConfiguration.minimumFeedInterval else {
                        throw v.error("interval must be at least 60s")
                    }
                }
                if let v = m["title"] { feed.title = try v.nonEmptyString() }
                if let v = m["full_text"] { feed.fullText = try v.bool() }
                if let v = m["max_age"] { feed.maxAgeSeconds = try v.durationSeconds() }
                if let v = m["max_bytes"] {
                    feed.maxBytes = try v.byteCount()
                    guard feed.maxBytes > 0 else { throw v.error("must be above 0") }
                }
                config.feeds.append(feed)
            }
        }
        if let fetchValue = top["fetch"] {
            let fetch = try fetchValue.mapping(allowed: ["concurrency", "stale_after"])
            if let v = fetch["stale_after"] {
                config.fetchStaleAfterSeconds = try v.durationSeconds()
                guard config.fetchStaleAfterSeconds >= 3600 else { throw v.error("stale_after must be at least 1h") }
            }
            if let v = fetch["concurrency"] {
                config.fetchConcurrency = try v.int()
                guard (1...64).contains(config.fetchConcurrency) else { throw v.error("concurrency must be between 1 and 64") }
            }
        }
        if let metricsValue = top["metrics"] {
            let metrics = try metricsValue.mapping(allowed: ["textfile", "listen"])
            if let v = metrics["textfile"] { config.metricsTextfile = absolute(try v.nonEmptyString(), relativeTo: base) }
            if let v = metrics["listen"] {
                let text = try v.nonEmptyString()
                do {
                    config.metricsListen = try MetricsListenAddress.parse(text)
                } catch {
                    throw v.error(error == .notLoopback ? .notLoopbackAddress(got: text) : .expectedListenAddress(got: text))
                }
            }
        }
        if let outputsValue = top["outputs"] { config.outputs = try OutputsReader.read(outputsValue, base: base) }
        if let storiesValue = top["stories"] {
            let stories = try storiesValue.mapping(allowed: ["window"])
            if let v = stories["window"] {
                config.storiesWindowSeconds = try v.durationSeconds()
                guard config.storiesWindowSeconds >= 2 * 86400 else { throw v.error("window must be at least 2d (a story's reports may be 48 h apart)") }
            }
        }
        return config
    }

    /// Reads and parses a config file.
    /// - Throws: `YAMLFileError` (an unreadable file has no line).
    public static func load(path: String) throws -> SeedwatchConfiguration {
        guard let data = FileManager.default.contents(atPath: path) else {
            let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
            throw YAMLFileError(file: path, line: nil, key: "", problem: .configurationUnreadable(
                absolutePath: absolute, missing: !FileManager.default.fileExists(atPath: path),
                defaultPath: path == "config/seedwatch.yaml"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw YAMLFileError(file: path, line: nil, key: "", problem: .configurationNotUTF8)
        }
        return try parse(text, file: path)
    }

    /// `path` made absolute against `base` (and standardised); `~` is not expanded.
    public static func absolute(_ path: String, relativeTo base: String) -> String {
        let joined = path.hasPrefix("/") ? path : (base as NSString).appendingPathComponent(path)
        return (joined as NSString).standardizingPath
    }
}
