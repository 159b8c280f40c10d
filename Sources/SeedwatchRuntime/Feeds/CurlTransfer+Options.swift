import CCurl
import Foundation
import SeedwatchCore

/// A transfer's libcurl options, and its end turned into a ``FeedResponse`` (see ``CurlFetcher``
/// for what every transfer does).
extension CurlTransfer {
    /// Sets the options of `easy` for this transfer's request: http and https only (redirects to
    /// other schemes refused), every content coding libcurl decodes, the redirect and time limits,
    /// the body cap and header callbacks, and the conditional GET headers.
    func configure(_ easy: UnsafeMutableRawPointer, limits: CurlFetcher.Limits) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        _ = sw_easy_setopt_string(easy, CURLOPT_URL, request.url)
        _ = sw_easy_setopt_string(easy, CURLOPT_PROTOCOLS_STR, "http,https")
        _ = sw_easy_setopt_string(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        _ = sw_easy_setopt_string(easy, CURLOPT_ACCEPT_ENCODING, "")
        _ = sw_easy_setopt_long(easy, CURLOPT_FOLLOWLOCATION, 1)
        _ = sw_easy_setopt_long(easy, CURLOPT_MAXREDIRS, limits.maxRedirects)
        _ = sw_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT, limits.connectTimeout)
        _ = sw_easy_setopt_long(easy, CURLOPT_TIMEOUT, limits.totalTimeout)
        _ = sw_easy_setopt_long(easy, CURLOPT_LOW_SPEED_LIMIT, limits.lowSpeedBytesPerSecond)
        _ = sw_easy_setopt_long(easy, CURLOPT_LOW_SPEED_TIME, limits.lowSpeedSeconds)
        _ = sw_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1)
        _ = sw_easy_setopt_string(easy, CURLOPT_USERAGENT, CurlFetcher.userAgent)
        _ = sw_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer)
        _ = sw_easy_setopt_write_callback(easy, CURLOPT_WRITEFUNCTION, curlWriteCallback)
        _ = sw_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, context)
        _ = sw_easy_setopt_header_callback(easy, curlHeaderCallback)
        _ = sw_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, context)
        var headers: UnsafeMutablePointer<curl_slist>? = nil
        headers = curl_slist_append(headers, "Accept: application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8")
        if let etag = request.etag { headers = curl_slist_append(headers, "If-None-Match: \(etag)") }
        if let modified = request.lastModified { headers = curl_slist_append(headers, "If-Modified-Since: \(modified)") }
        headerList = headers
        _ = sw_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, headers)
    }

    /// The response of a transfer that ended with `code`: status, final URL, redirect hops, the
    /// final response's headers and body, or the error (and no body) when it failed.
    func response(easy: UnsafeMutableRawPointer, code: CURLcode, limits: CurlFetcher.Limits) -> FeedResponse {
        var status = 0
        _ = sw_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        var urlPointer: UnsafeMutablePointer<CChar>? = nil
        _ = sw_easy_getinfo_string(easy, CURLINFO_EFFECTIVE_URL, &urlPointer)
        let finalURL = urlPointer.map { String(cString: $0) } ?? request.url
        var response = FeedResponse(
            status: status, finalURL: finalURL, redirects: redirectHops,
            etag: finalHeader("etag"), lastModified: finalHeader("last-modified"),
            contentType: finalHeader("content-type"), retryAfter: finalHeader("retry-after"),
            body: code == CURLE_OK ? body.take() : [])
        var microseconds: curl_off_t = 0
        if sw_easy_getinfo_off_t(easy, CURLINFO_TOTAL_TIME_T, &microseconds) == CURLE_OK {
            response.transferSeconds = Double(microseconds) / 1_000_000
        }
        if code != CURLE_OK {
            response.error = error(code, limits: limits)
            response.body = []  // nothing is parsed from a partial body
        }
        return response
    }

    private func error(_ code: CURLcode, limits: CurlFetcher.Limits) -> FeedFetchError {
        let detail = errorText.isEmpty ? String(cString: curl_easy_strerror(code)) : errorText
        switch code {
        case CURLE_WRITE_ERROR where exceededCap:
            return .bodyTooLarge(maxBytes: request.maxBytes)
        case CURLE_TOO_MANY_REDIRECTS:
            return .tooManyRedirects(limit: limits.maxRedirects)
        case CURLE_UNSUPPORTED_PROTOCOL:
            return .protocolRefused(detail: detail)
        case CURLE_BAD_CONTENT_ENCODING:
            return .unsupportedContentEncoding(finalHeader("content-encoding") ?? detail)
        case CURLE_OPERATION_TIMEDOUT:
            return .timedOut(detail: detail)
        default:
            return .transport(code: Int(code.rawValue), detail: detail)
        }
    }
}
