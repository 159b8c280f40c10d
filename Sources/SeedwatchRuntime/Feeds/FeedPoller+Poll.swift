import Foundation
import Logging
import SeedwatchCore

/// One poll of one feed: the conditional GET, the response's handling (RFC 9110 status codes,
/// redirects, validators), the items handed to the pipeline, and the feed's HTTP state saved.
extension FeedPoller {
    /// Polls one feed once, now: fetch, decide new items, update and save its HTTP state.
    /// A disabled feed (after 410) is not fetched.
    package func poll(_ feed: SeedwatchConfiguration.Feed) async -> FeedPollReport {
        states.pollBegan()
        defer { states.pollEnded() }
        var state: FeedHTTPState
        do {
            state = try states.state(url: feed.url) ?? FeedHTTPState(url: feed.url)
            states.forgetPrimed(url: feed.url)
        } catch {
            logger.error("cannot read feed state", metadata: ["feed": "\(feed.url)", "error": "\(error)"])
            return FeedPollReport(feedURL: feed.url, requestedURL: feed.url, error: "\(error)",
                                  nextPoll: clock.now().addingTimeInterval(PollSchedule.minimumInterval))
        }
        let requestedURL = state.currentURL ?? feed.url
        guard !state.disabled else {
            logger.debug("feed not fetched: it is gone (HTTP 410) until seedwatch feeds reset URL and a reload",
                         metadata: ["feed": "\(feed.url)"])
            return FeedPollReport(feedURL: feed.url, requestedURL: requestedURL, error: state.lastError)
        }
        let request = conditionalRequest(feed, state: state, url: requestedURL)
        let response = await fetcher.fetch(request)
        fetchObserver.observe(response)
        if response.error == .cancelled {
            return FeedPollReport(feedURL: feed.url, requestedURL: requestedURL, status: 0)
        }
        let now = clock.now()
        var report = FeedPollReport(feedURL: feed.url, requestedURL: requestedURL, status: response.status)
        state.lastFetch = now
        if response.status > 0 { state.lastStatus = response.status }

        let outcome: PollOutcome
        var failure: String?
        var throttledHost = false
        if let error = response.error {
            outcome = .failed
            failure = error.description
        } else {
            switch response.status {
            case 200:
                let items: FeedStream
                do {
                    items = try FeedIntake.stream(body: response.body, from: response.finalURL, contentType: response.contentType,
                                                  baseURL: response.finalURL, maxBytes: feed.maxBytes,
                                                  keyedByLink: state.guidUnreliableSince != nil)
                } catch {
                    outcome = .failed
                    switch error {
                    case .compressed(let error): failure = error.description
                    case .unreadable(let error): failure = "not a readable feed: \(error)"
                    }
                    break
                }
                let firstSuccess = state.lastSuccess == nil
                let decided = await decideItems(items, of: feed, firstSuccess: firstSuccess, now: now, report: &report)
                if decided == .stopped {
                    // SIGTERM mid-document: the items decided so far are committed; the state is
                    // not saved, so the feed is fetched again (in full) at the next start and the
                    // rest are decided then.
                    logger.info("stopping: feed items not yet decided are decided after the next start",
                                metadata: ["feed": "\(feed.url)", "items": "\(report.items)"])
                    report.stopped = true
                    return report
                }
                state.lastFullFetch = now
                noteImplausibleLastModified(feed, response: response, stored: state.lastModified, now: now)
                noteDocumentIdentity(feed, items: items, report: &report, state: &state, now: now)
                if decided == .allDecided {
                    state.etag = response.etag
                    state.lastModified = response.lastModified
                } else {
                    // Keep the old validators: the next poll must get the items again (a 304
                    // would hide the ones whose decision failed, e.g. on a locked database).
                    logger.warning("some items could not be decided; the feed will be fetched in full next time",
                                   metadata: ["feed": "\(feed.url)"])
                }
                outcome = .success
            case 304 where request.etag == nil && request.lastModified == nil:
                // RFC 9110 §15.4.5: 304 answers a conditional GET. To a request without
                // validators it is the server's fault, and taking it as "unchanged" would hide
                // the feed for ever: it counts as a failure (back-off, `status` degraded).
                outcome = .failed
                failure = "HTTP 304 Not Modified to a request without validators"
            case 304:
                if response.etag != nil { state.etag = response.etag }
                if response.lastModified != nil { state.lastModified = response.lastModified }
                touchLastDocument(feed, lastSuccess: state.lastSuccess, now: now)
                outcome = .success
            case 410:
                outcome = .gone
                failure = "HTTP 410 Gone"
            case 429, 503:
                outcome = .throttled(retryAfter: PollSchedule.retryAfter(response.retryAfter, now: now))
                throttledHost = true
                failure = "HTTP \(response.status)" + (response.retryAfter.map { "; Retry-After: \($0)" } ?? "")
            default:
                outcome = .failed
                failure = "HTTP \(response.status)"
            }
        }

        let network = outage.record(feed: feed.url, response: response, feedCount: registry.count, now: now)
        if outcome == .success {
            if response.redirects.movesPermanently && response.finalURL != requestedURL {
                state.currentURL = response.finalURL
                logger.info("feed moved permanently; polling the new URL from now on", metadata: [
                    "feed": "\(feed.url)", "from": "\(requestedURL)", "to": "\(response.finalURL)",
                    "statuses": "\(response.redirects.map(\.status))",
                ])
            }
            if state.consecutiveFailures > 0 {
                logger.info("feed recovered", metadata: ["feed": "\(feed.url)", "after_failures": "\(state.consecutiveFailures)"])
            }
            state.consecutiveFailures = 0
            state.lastError = nil
            state.lastSuccess = now
        } else if case .networkDown = network {
            // This machine's network, not the feed: keep its back-off where it was.
            state.lastError = failure.map { "network unreachable: \($0)" }
        } else {
            state.consecutiveFailures += 1
            state.lastError = failure
        }
        let schedule = PollSchedule(intervalSeconds: feed.intervalSeconds)
        state.nextPoll = schedule.nextPoll(after: outcome, consecutiveFailures: max(state.consecutiveFailures, outcome == .success ? 0 : 1),
                                           now: now, jitter: jitter())
        if case .networkDown(let started) = network {
            noteNetworkDown(feed, failure: failure, started: started, nextPoll: state.nextPoll)
        } else if outcome == .gone {
            state.disabled = true
            logger.warning("feed is gone (HTTP 410); polling stopped (to resume: seedwatch feeds reset URL, then reload the daemon)",
                           metadata: ["feed": "\(feed.url)", "url": "\(requestedURL)"])
        } else if let failure {
            logger.warning("feed fetch failed; backing off", metadata: [
                "feed": "\(feed.url)", "error": "\(failure)", "failures": "\(state.consecutiveFailures)",
                "next_poll": "\(state.nextPoll.map(AlertTimestamp.format) ?? "-")",
            ])
        }
        // 429 (this client asks too often) holds every feed of the host. A 503's Retry-After holds
        // the host the first time; a feed that keeps answering 503 (one dead path of a big site)
        // then holds only itself, so its host's other feeds are not polled once per Retry-After for ever.
        if throttledHost, response.status == 429 || state.consecutiveFailures <= 1, let next = state.nextPoll {
            hosts.throttle(requestedURL, until: next)
        }
        // A wait promised to a server (back-off, Retry-After, 410) is written at once, so that a
        // restart honours it; a success waits for the batch (FeedStateBatch).
        states.save(state, now: outcome != .success)
        if case .recovered(let since, let victims) = network { networkIsBack(since: since, victims: victims, now: now) }
        report.outcome = outcome
        report.error = failure
        report.nextPoll = state.nextPoll
        if outcome == .success {
            // One line per successful poll, like "file read" for a dropped file: info when the feed
            // had items, debug for an unchanged one (304), so a quiet feed does not fill the journal.
            // Built only when the level is enabled (the logger's metadata argument is an autoclosure).
            func metadata() -> Logger.Metadata {
                ["feed": "\(feed.url)", "status": "\(response.status)", "items": "\(report.items)",
                 "alerts": "\(report.alerts.count)", "next_poll": "\(state.nextPoll.map(AlertTimestamp.format) ?? "-")"]
            }
            if response.status == 304 { logger.debug("feed polled", metadata: metadata()) } else { logger.info("feed polled", metadata: metadata()) }
        }
        return report
    }
}
