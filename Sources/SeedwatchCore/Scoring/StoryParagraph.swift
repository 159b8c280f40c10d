/// A paragraph on the story inside a longer piece (a liveblog entry, a closing paragraph), which the
/// rubric counts: among `subject_paragraph_window` consecutive body sentences, either
/// - `subject_paragraph` name a key state or two core states acting together ("North Korean troops
///   at Kursk" across an entry), or
/// - one names two core states acting together and each of the two is named in `subject_paragraph`
///   of them: an entry on their relation that names them one by one after its first sentence ("China
///   will not press Russia by buying less gas …", "… to keep China down", "… relations with Russia a
///   strategic partnership").
extension SentenceFacts {
    /// The sentence indices of the story's paragraphs: the sentences of each qualifying window that
    /// name the key state or the pair (sorted; empty when there is none or `subject_paragraph` is 0).
    /// - Parameters:
    ///   - keyStates: `alert_key_states`, or the core states.
    ///   - pairs: the sentences naming two core states that are not items of one list.
    func storyParagraphSentences(keyStates: Set<String>, pairs: [Int]) -> [Int] {
        if let memo = storyParagraphMemo, memo.keyStates == keyStates, memo.pairs == pairs { return memo.sentences }
        let sentences = findStoryParagraphSentences(keyStates: keyStates, pairs: pairs)
        storyParagraphMemo = (keyStates, pairs, sentences)
        return sentences
    }

    private func findStoryParagraphSentences(keyStates: Set<String>, pairs: [Int]) -> [Int] {
        let need = rules.subjectParagraph
        guard need > 0 else { return [] }
        let core = Set(rules.coreStates)
        let states = self.states
        // Per sentence, read by index: no hashing per sentence of each window (an article of 500,000
        // sentences has as many windows).
        var isPair = [Bool](repeating: false, count: states.count)
        for p in pairs { isPair[p] = true }
        let onStory = states.indices.map { isPair[$0] || (!states[$0].isEmpty && !states[$0].isDisjoint(with: keyStates)) }
        let body = result.sentences.indices.filter { !result.sentences[$0].isTitle }
        var found = Set<Int>()
        var start = 0
        while start < body.count {
            // The window: body sentences whose body index is within `subject_paragraph_window` of the first.
            let first = result.sentences[body[start]].bodyIndex
            let window = body[start...].prefix { result.sentences[$0].bodyIndex - first < rules.subjectParagraphWindow }
            var story: [Int] = []
            for s in window where onStory[s] { story.append(s) }
            if story.count >= need { found.formUnion(story) }
            for p in window where isPair[p] {
                let named = states[p].intersection(core).sorted()
                for (i, a) in named.enumerated() {
                    for b in named[(i + 1)...] where actTogether(p, a, b) {
                        let withA = window.filter { states[$0].contains(a) }, withB = window.filter { states[$0].contains(b) }
                        if withA.count >= need && withB.count >= need { found.formUnion(withA + withB) }
                    }
                }
            }
            start += 1
        }
        return found.sorted()
    }
}
