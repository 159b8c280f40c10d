/// The stop-word profiles of ``LanguageDetector``: for each Latin-script language it tells apart,
/// frequent function words (articles, prepositions, conjunctions, pronouns, auxiliaries) that the
/// other five languages do not also use often.
///
/// Words common to two of the languages are left out ("de", "la", "que", "con", "una", "die",
/// "des", "in", "e", "a", "ha", "del", "al", "come", "era"), so that every hit is evidence for one
/// language. Written lower-case, as the detector folds the text.
enum StopWordProfiles {
    static let english = """
    the and of to is that with for are were has have had this from by at be been which it its their \
    they he she not but would will said after or who into than more about over we there what when \
    could should these those his her them our been being while did does
    """
    static let spanish = """
    el los las y por pero fue sus muy también según hay han cuando donde tras ya aunque mientras \
    estos estas dijo años gobierno esa ese eso hasta sin otro otra ellos será había sido están puede más
    """
    static let portuguese = """
    o os do da dos das em não uma com ao aos às pelo pela pelos pelas foi são seu seus suas também \
    mais já ele eles ela isso quando onde disse anos na nas num numa após ainda muito até há \
    nesta neste essa esse foram tem têm vai
    """
    static let french = """
    le les du et est une à dans pour pas qui sur au aux avec ce cette ces ils elle sont été ont par \
    leur leurs selon après aussi lors depuis ainsi dont où être fait nous vous ses sa je deux cet très \
    avait était sera
    """
    static let german = """
    der und den das ist nicht ein eine einen einem einer mit von zu im auf für sich dem auch als werden \
    wird wurde sind hat haben nach bei aus noch wie über oder aber nur vor seit durch gegen sagte zum \
    zur dass diese dieser mehr
    """
    static let italian = """
    di che della dei delle degli nel nella nei alla allo ai agli dalla dal sono è anche più gli \
    questo questa essere stato stata anni perché dopo tra fra ancora loro suo hanno aveva sui sul nell \
    dell ad uno
    """

    /// Language code → its words, in the order of ``LanguageDetector``'s profile bits.
    static let all: [(code: String, words: String)] = [
        ("en", english), ("es", spanish), ("pt", portuguese), ("fr", french), ("de", german), ("it", italian),
    ]
}
