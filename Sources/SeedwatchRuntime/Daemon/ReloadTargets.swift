// What a reload (SIGHUP, DESIGN §10) asks of the parts of the daemon besides its watches and feed
// list. ``ReloadService`` holds these small protocols rather than the concrete alert log and HTTP
// client, so a part can be replaced (another sink, another fetcher) without touching the reload.

/// A file the daemon appends to and reopens on every reload, so that logrotate's `create` (a new
/// file at the path) takes effect at once: the alert log (``AlertLogWriter``).
package protocol ReopenableFile: Sendable {
    /// The file's path, as configured.
    var path: String { get }

    /// Closes the file and opens the one now at ``path``; a failure leaves the old one open.
    /// - Throws: the error of opening the new file (it names the path).
    func reopen() throws
}

/// A client whose number of parallel transfers follows `fetch.concurrency` on reload: the feeds'
/// HTTP client (``CurlFetcher``).
package protocol FetchConcurrencyControl: Sendable {
    /// Sets the most transfers run at once (values below 1 count as 1); transfers in flight finish.
    func setConcurrency(_ concurrency: Int)
}

extension AlertLogWriter: ReopenableFile {}

extension CurlFetcher: FetchConcurrencyControl {}
