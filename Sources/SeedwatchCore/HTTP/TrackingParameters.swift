/// Query parameters that say how a reader reached a link (campaign tags, click identifiers,
/// newsletter ids), never which page it is. A feed that appends a new value on every poll
/// (`?utm_source=rss&utm_campaign=a1b2`) would otherwise make every poll a new item.
///
/// The names are the well-known, site-independent ones of the Tracking Query Params Registry
/// (github.com/mpchadwick/tracking-query-params-registry: Google Analytics and Ads, Matomo/Piwik,
/// HubSpot, Marketo, Mailchimp, Meta, Microsoft, Twitter/X, Yandex, TikTok, …), plus Twitter's
/// `ref_src`/`ref_url` embed parameters. Site-specific ones (`ref`, `s`, `si`, `source`) are left
/// alone: on some sites they name the page.
///
/// **Changing these lists changes item keys** (DESIGN §7): stored keys would then need a new
/// state-database migration like `v4-item-keys-without-tracking` (see `StateSchema`).
public enum TrackingParameters {
    /// Exact names, compared case-insensitively.
    public static let names: Set<String> = [
        "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "twclid", "yclid", "ttclid", "li_fat_id",
        "igshid", "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "__hstc", "__hssc", "__hsfp", "hsctatracking",
        "mkt_tok", "ref_src", "ref_url", "_openstat", "vero_conv", "vero_id", "oly_anon_id", "oly_enc_id",
        "wickedid", "rb_clickid", "s_cid", "ncid", "cmpid", "ocid", "soc_src", "soc_trk", "ga_source", "ga_medium",
        "ga_campaign", "ga_content", "ga_term", "fb_action_ids", "fb_action_types", "fb_ref", "fb_source",
        "_bta_tid", "_bta_c", "epik", "ef_id", "s_kwcid", "irclickid", "spmailingid", "spuserid", "spreportid", "spjobid",
    ]

    /// Name prefixes, compared case-insensitively: `utm_*` (Urchin/Google Analytics campaign tags),
    /// `mtm_*`, `pk_*`, `piwik_*` (Matomo), `hsa_*` (HubSpot ads), `trk_*` (ActiveCampaign).
    public static let prefixes: [String] = ["utm_", "mtm_", "pk_", "piwik_", "hsa_", "trk_"]

    /// Whether a query parameter name (before any `=`, still percent-encoded) is a tracking parameter.
    public static func isTracking(name: Substring) -> Bool {
        let lower = name.lowercased()
        return names.contains(lower) || prefixes.contains { lower.hasPrefix($0) }
    }

    /// The query without its tracking parameters, other parameters kept in order and as written
    /// (`&` and `;` both separate parameters, as in HTML 4 §B.2.2); `nil` when nothing is left.
    /// - Parameter query: the query component without its `?`.
    public static func strip(query: String) -> String? {
        var kept: [Substring] = []
        var removedAny = false
        for parameter in query.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "&" || $0 == ";" }) {
            let name = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first ?? parameter
            if isTracking(name: name) { removedAny = true } else { kept.append(parameter) }
        }
        guard removedAny else { return query.isEmpty ? nil : query }
        let rest = kept.filter { !$0.isEmpty }.joined(separator: "&")
        return rest.isEmpty ? nil : rest
    }

    /// `text` without tracking parameters when it is an `http`/`https` URL whose query has some;
    /// otherwise `text` unchanged. Nothing else is touched (case, escapes, fragment).
    public static func stripped(fromURL text: String) -> String {
        guard text.contains("?") else { return text }
        var reference = URIReference(text)
        guard let scheme = reference.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let query = reference.query else { return text }
        let kept = strip(query: query)
        guard kept != query else { return text }
        reference.query = kept
        return reference.text
    }
}
