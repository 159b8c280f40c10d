/// One redirect answered while fetching a feed: the hop's status code and its `Location` value as sent.
public struct RedirectHop: Sendable, Hashable {
    /// The HTTP status of the redirect response (301, 302, 303, 307 or 308).
    public var status: Int
    /// The `Location` header as received (possibly relative).
    public var location: String

    public init(status: Int, location: String) {
        self.status = status
        self.location = location
    }

    /// Whether the hop moves the resource for good: 301 Moved Permanently or 308 Permanent Redirect
    /// (RFC 9110 §15.4.2, §15.4.9).
    public var isPermanent: Bool { status == 301 || status == 308 }
}

extension Array where Element == RedirectHop {
    /// Whether a fetch that followed these hops may replace the feed's poll URL: only when there
    /// was at least one hop and every hop was permanent (a 301 is remembered: one 302, 303 or 307 anywhere keeps
    /// the configured URL).
    public var movesPermanently: Bool { !isEmpty && allSatisfy(\.isPermanent) }
}
