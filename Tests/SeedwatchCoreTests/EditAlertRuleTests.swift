import SeedwatchCore
import Testing

/// An edit of a seen article alerts only when it reaches notice and names an actor no earlier alert named.
@Suite("Edits of a seen article: when an edit alerts")
struct EditAlertRuleTests {
    @Test func aHeadlineFixNamingTheSameActorsDoesNotAlert() {
        let rule = EditAlertRule(level: .notice, actorIDs: ["vladimir_putin", "north_korea"],
                                 alertedBefore: ["north_korea", "vladimir_putin"])
        #expect(rule == EditAlertRule(level: nil, actorIDs: [], alertedBefore: ["north_korea", "vladimir_putin"]))
        #expect(!rule.alerts)
        #expect(rule.newActorIDs == [])
        #expect(rule.alertedActorIDs == ["north_korea", "vladimir_putin"])
    }

    @Test func anEditNamingANewActorAtNoticeAlertsAndAddsItsActors() {
        let rule = EditAlertRule(level: .notice, actorIDs: ["vladimir_putin", "kim_jong_un", "north_korea"],
                                 alertedBefore: ["vladimir_putin"])
        #expect(rule.alerts)
        #expect(rule.newActorIDs == ["kim_jong_un", "north_korea"])
        #expect(rule.alertedActorIDs == ["kim_jong_un", "north_korea", "vladimir_putin"])
    }

    @Test func anEditBelowNoticeNeverAlertsAndKeepsTheEarlierActors() {
        let rule = EditAlertRule(level: nil, actorIDs: ["kim_jong_un"], alertedBefore: ["vladimir_putin"])
        #expect(!rule.alerts)
        #expect(rule.newActorIDs == ["kim_jong_un"])
        #expect(rule.alertedActorIDs == ["vladimir_putin"])
    }

    @Test func unknownEarlierActorsCountAsNone() {
        let rule = EditAlertRule(level: .alert, actorIDs: ["xi_jinping"], alertedBefore: nil)
        #expect(rule.alerts)
        #expect(rule.alertedActorIDs == ["xi_jinping"])
    }
}
