/// The people and organisations of the knowledge data who speak for a watch's core states, added to
/// a built watch although the seed does not name them: news on the story quotes the foreign
/// minister or the leader's sister as often as the leader ("Lavrov arrives in Pyongyang", "Kim Yo
/// Jong warns Japan"), a core state's official news agency speaks for it ("KCNA slams Russia
/// sanctions") and its state-owned energy companies trade for it ("Sinopec steps up Russian oil
/// imports"); a headline that names only them names no state.
extension ActorSelection {
    /// Knowledge people and organisations whose state is one of `states`, not yet among `chosen`, in
    /// knowledge order (organisations, then people);
    /// then every choice's exclusions without those that the new people's names claim ("Kim Yo Jong"
    /// among Kim Jong Un's exclusions would silence her).
    /// - Parameters:
    ///   - states: actor ids of the states (the core states of ``CoreStates``).
    ///   - chosen: the actors chosen from the seed (``choose(seed:knowledge:background:)``).
    /// - Returns: `chosen` with the people appended after it, each with the reason `--explain` shows.
    public static func addingPeople(of states: [String], knowledge: KnowledgeIndex, to chosen: [Choice]) -> [Choice] {
        let taken = Set(chosen.map(\.actor.id))
        var result = chosen
        for entry in knowledge.entries where entry.kind != .state && !taken.contains(entry.id) {
            guard let state = entry.affiliation, states.contains(state) else { continue }
            result.append(Choice(actor: entry.actor, exclusions: entry.exclusions,
                                 reason: "knowledge entry \(entry.knowledgeKey ?? entry.id) (\(entry.source)): speaks for the core state \(state); not named in the seed",
                                 fromKnowledge: true, inheritedAliases: entry.inheritedAliases))
        }
        guard result.count > chosen.count else { return chosen }
        let actors = result.map(\.actor)
        for i in result.indices { result[i].exclusions = ActorKnowledge.exclusions(result[i].exclusions, besides: actors) }
        return result
    }
}
