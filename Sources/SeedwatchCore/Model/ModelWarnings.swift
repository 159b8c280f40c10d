/// Problems in a model that do not stop it from loading but make it score differently from what
/// its author meant; `seedwatch check-config` prints them as warnings.
public enum ModelWarnings {
    /// One warning per state id that `rules` (`state_weights`, `core_states`, `alert_key_states`)
    /// names but that is not a state actor of the model: it can never be matched, so it adds nothing
    /// (the defaults name no state: a model without `state_weights` weighs each of its own state
    /// actors 1, and without `core_states` takes every state of weight 1 or more as core).
    public static func warnings(_ model: WatchModel) -> [String] {
        let states = Set(model.actors.filter { $0.kind == .state }.map(\.id))
        var named: [(String, String)] = []
        for id in model.rules.stateWeights.keys.sorted() { named.append((id, "state_weights")) }
        for id in model.rules.coreStates { named.append((id, "core_states")) }
        for id in model.rules.alertKeyStates { named.append((id, "alert_key_states")) }
        var missing: [String: [String]] = [:]
        var order: [String] = []
        for (id, key) in named where !states.contains(id) {
            if missing[id] == nil { order.append(id) }
            if !missing[id, default: []].contains(key) { missing[id, default: []].append(key) }
        }
        return order.map { "rules name state '\($0)' (\(missing[$0]!.joined(separator: ", "))) but the model has no state actor with that id" }
    }
}
