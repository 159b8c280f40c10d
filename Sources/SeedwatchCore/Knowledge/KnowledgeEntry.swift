/// One entry of the shipped knowledge data: a state, an organisation or a person, with every way
/// news text in the ten known languages writes it.
public struct KnowledgeEntry: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case state, organization, person
    }

    /// What a form is, for explanations ("the knowledge entry used").
    public enum Role: String, Sendable, Hashable {
        /// A state's name from CLDR or iso-codes, or an organisation's or a person's name.
        case name
        /// An inflected form of an adjective of nationality (nordkoreanischen, norcoreanas).
        case adjective
        /// A noun for a person of the state (Nordkoreaner, Russinnen).
        case demonym
        /// The capital (Pjöngjang, Pékin).
        case capital
        /// A seat of government standing for it (Kremlin, Kreml, Cremlino).
        case metonym
        /// A German genitive derived by rule (Nordkoreas, Putins).
        case genitive
    }

    /// One written form in one language.
    public struct Form: Sendable, Hashable {
        public var text: String
        /// ISO 639-1 code of the language that writes it so.
        public var language: String
        public var caseSensitive: Bool
        public var role: Role
        /// A weak form (a bare surname such as "Xi" or "Sánchez", "Mr Kim") counts only when the entry
        /// or its state is also named strongly in the same article (see ``Alias/weak``).
        public var weak: Bool

        public init(text: String, language: String, caseSensitive: Bool, role: Role, weak: Bool = false) {
            self.text = text
            self.language = language
            self.caseSensitive = caseSensitive
            self.role = role
            self.weak = weak
        }
    }

    /// `KP` for a state (ISO 3166-1 alpha-2), a snake_case id for an organisation or a person.
    public var key: String
    public var kind: Kind
    /// The display name in English (the first English name).
    public var name: String
    /// Every form, names first, in the order of ``LanguageSet/codes``.
    public var forms: [Form]
    /// Where the supplement's forms come from (`nil` for a state that only has generated names).
    public var source: String?
    /// For a person: the state (ISO 3166-1 alpha-2) they serve, their role and the date it was checked.
    public var state: String?
    public var role: String?
    public var asOf: String?
    /// Phrases that contain one of the entry's names but do not mean it ("Xi'an", "Kim Kardashian",
    /// "trump card"). `seedwatch watch new` writes them into the models it builds; a model's
    /// `knowledge:` key takes the forms only (its exclusions stay the model's own).
    public var exclusions: [Exclusion]

    public init(key: String, kind: Kind, name: String, forms: [Form], source: String? = nil,
                state: String? = nil, role: String? = nil, asOf: String? = nil, exclusions: [Exclusion] = []) {
        self.key = key
        self.kind = kind
        self.name = name
        self.forms = forms
        self.source = source
        self.state = state
        self.role = role
        self.asOf = asOf
        self.exclusions = exclusions
    }

    /// The entry's forms as model aliases: one alias per distinct written form (compared as the
    /// matcher compares them: after DESIGN §5 normalisation and, unless case-sensitive, case folding), tagged with every
    /// language that writes it; weak only when every form written so is weak.
    public var aliases: [Alias] {
        var order: [String] = []
        var byKey: [String: Alias] = [:]
        for form in forms {
            // Case-sensitive forms are alike only when written alike: "NATO" and "Nato" are two aliases.
            let folded = String(decoding: Normalizer.normalizeAlias(form.text).folded, as: UTF8.self)
            let key = form.caseSensitive ? "1" + form.text : "0" + folded
            let bit = LanguageSet(mask: LanguageSet.bit(form.language) ?? 0)
            if var alias = byKey[key] {
                alias.languages = alias.languages.union(bit)
                alias.weak = alias.weak && form.weak
                byKey[key] = alias
            } else {
                order.append(key)
                byKey[key] = Alias(form.text, caseSensitive: form.caseSensitive, weak: form.weak, languages: bit)
            }
        }
        return order.map { byKey[$0]! }
    }
}
