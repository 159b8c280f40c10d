/// Short wire stories in the five languages besides English, written for the tests (not copied
/// from any agency): each names states and people the way that language's press does.
enum WireStories {
    static let portuguese = """
        Coreia do Norte envia mais tropas para a Rússia
        A Coreia do Norte enviou mais soldados para apoiar a guerra da Rússia na Ucrânia, segundo os serviços de informações sul-coreanos. Os militares norte-coreanos foram destacados para a região de Kursk. O Kremlin não comentou as informações, mas Moscou e Pyongyang assinaram um tratado de defesa mútua no ano passado.
        """
    static let german = """
        Kreml lobt Nordkoreas Unterstützung
        Der Kreml hat die Unterstützung Nordkoreas im Krieg gegen die Ukraine gelobt. Nach Angaben aus Südkorea kämpfen Tausende von nordkoreanischen Soldaten an der Seite Russlands. Wladimir Putin traf Kim Jong-un im vergangenen Jahr in Pjöngjang.
        """
    static let french = """
        Poutine reçoit des soldats nord-coréens à Moscou
        Vladimir Poutine a remercié les soldats nord-coréens qui ont combattu dans la région de Koursk. Pékin observe avec prudence le rapprochement entre la Russie et la Corée du Nord. Selon les services de renseignement sud-coréens, Pyongyang a reçu en échange une aide militaire.
        """
    static let spanish = """
        Corea del Norte lanza un misil balístico
        Corea del Norte lanzó el martes un misil balístico hacia el mar de Japón, según el Estado Mayor Conjunto de Corea del Sur. Los militares norcoreanos no dieron detalles del lanzamiento. Washington y Tokio condenaron la prueba, que viola las resoluciones de la ONU.
        """
    static let italian = """
        La Corea del Nord invia munizioni alla Russia
        Secondo l'intelligence sudcoreana, la Corea del Nord ha inviato milioni di proiettili di artiglieria alla Russia. I soldati nordcoreani sono stati schierati anche nella regione di Kursk. Il Cremlino e Pechino non hanno commentato.
        """
    static let english = """
        North Korea sends more troops to Russia
        North Korea has sent more soldiers to support Russia's war in Ukraine, according to South Korean intelligence. The troops were deployed to the Kursk region, and the Kremlin did not comment on the reports.
        """
}
