/// Exact inflection rules that turn one written form of a name or adjective into the forms news
/// text uses, so that the knowledge supplement lists base forms only.
///
/// Sources: the regular adjective declension of each language's reference grammar (Duden
/// Grammatik for German, the Gramática de la lengua española (RAE), the Nova Gramática do Português
/// Contemporâneo, Le Bon Usage, the Grammatica italiana (Serianni)). Irregular forms are not
/// derived: the supplement lists them.
public enum Inflection {
    /// The forms of an adjective of nationality given in its masculine singular:
    /// - `en`: `-an` → also `-ans` (North Korean, North Koreans); others unchanged (Chinese);
    /// - `es`/`pt`: `-o` → `-o -a -os -as`; `-és`/`-ês` → `-esa -eses -esas`; `-e` → `-es`;
    /// - `it`: `-o` → `-o -a -i -e`, with `-co`/`-go` → `-chi -che`/`-ghi -ghe` (`-ico`, `-aco` → `-ici -iche`,
    ///   `-aci -ache`); `-e` → `-i`;
    /// - `fr`: `-en` → `-enne -ens -ennes`; `-e` → `-es`; `-s`/`-x` → `-e -es`; else `-e -s -es`;
    /// - `de`: the endings of strong and weak declension `-e -en -er -es -em`.
    /// Other languages: the form itself.
    public static func adjectiveForms(_ base: String, language: String) -> [String] {
        switch language {
        case "en":
            return base.hasSuffix("an") ? [base, base + "s"] : [base]
        case "es", "pt":
            if let stem = base.dropSuffix("o") { return [base, stem + "a", stem + "os", stem + "as"] }
            if let stem = base.dropSuffix(language == "es" ? "és" : "ês") { return [base, stem + "esa", stem + "eses", stem + "esas"] }
            if base.hasSuffix("e") { return [base, base + "s"] }
            return [base]
        case "it":
            if let stem = base.dropSuffix("o") {
                // -co/-go keep their hard sound with an h (tedesco → tedeschi, tedesche), save the
                // masculine plural of -ico and -aco (britannico → britannici, austriaco → austriaci).
                if stem.hasSuffix("c") || stem.hasSuffix("g") {
                    let masculine = stem.hasSuffix("ic") || stem.hasSuffix("ac") ? stem + "i" : stem + "hi"
                    return [base, stem + "a", masculine, stem + "he"]
                }
                return [base, stem + "a", stem + "i", stem + "e"]
            }
            if let stem = base.dropSuffix("e") { return [base, stem + "i"] }
            return [base]
        case "fr":
            if base.hasSuffix("en") { return [base, base + "ne", base + "s", base + "nes"] }
            if base.hasSuffix("e") { return [base, base + "s"] }
            if base.hasSuffix("s") || base.hasSuffix("x") { return [base, base + "e", base + "es"] }
            return [base, base + "e", base + "s", base + "es"]
        case "de":
            return [base] + ["e", "en", "er", "es", "em"].map { base + $0 }
        default:
            return [base]
        }
    }

    /// The forms of a German noun of nationality (a person) given in its masculine nominative:
    /// `-er` → `-ern -ers -erin -erinnen` (Nordkoreaner); `-e` (weak noun) → `-en -in -innen` (Russe);
    /// otherwise the form itself. Other languages write the adjective's forms, so this returns the
    /// base alone for them.
    public static func demonymForms(_ base: String, language: String) -> [String] {
        guard language == "de" else { return [base] }
        if base.hasSuffix("er") { return [base, base + "n", base + "s", base + "in", base + "innen"] }
        if let stem = base.dropSuffix("e") { return [base, stem + "en", stem + "in", stem + "innen"] }
        return [base]
    }

    /// What a German genitive `-s` applies to.
    public enum GenitiveKind: Sendable {
        /// A state's name: only names without article take `-s`, so names of several words
        /// ("Vereinigte Staaten") and feminine names in `-e`/`-ei` (die Ukraine, die Türkei) do not.
        case state
        /// A city or a one-word metonym (Moskau → Moskaus, Kreml → Kremls).
        case place
        /// A person's name: the `-s` goes on the last word (Kim Jong-uns, Wladimir Putins).
        case person
    }

    /// The German genitive of a name (Duden Grammatik: proper names without article take `-s`;
    /// names ending in an s sound — s, ß, x, z — take an apostrophe or nothing and get no form
    /// here), or `nil` when the rule gives none. Names of capital letters only (USA, UNO) get none.
    public static func germanGenitive(_ name: String, kind: GenitiveKind) -> String? {
        guard let last = name.last, last.isLetter, name.contains(where: { $0.isLowercase }) else { return nil }
        if "sßxzSXZ".contains(last) { return nil }
        switch kind {
        case .state:
            if name.contains(" ") || name.hasSuffix("e") || name.hasSuffix("ei") { return nil }
        case .place:
            if name.contains(" ") { return nil }
        case .person:
            break
        }
        return name + "s"
    }
}

extension String {
    /// The string without `suffix`, or `nil` when it does not end with it (or is nothing else).
    fileprivate func dropSuffix(_ suffix: String) -> String? {
        guard hasSuffix(suffix), count > suffix.count else { return nil }
        return String(dropLast(suffix.count))
    }
}
