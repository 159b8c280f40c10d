import SeedwatchCore
import Testing

@Suite("check-config warnings for rules that name states a model lacks")
struct ModelWarningsTests {
    static func load(_ yaml: String) throws -> WatchModel {
        try ModelLoader.load(bytes: Array(yaml.utf8), file: "model.yaml", watch: "colombia")
    }

    @Test func aModelWithoutRulesIsWarnedAboutTheDefaultStates() throws {
        let model = try Self.load("""
        actors:
          - {id: colombia, name: Colombia, kind: state, aliases: [Colombia]}
        topics:
          - {id: peace, name: Peace, terms: [ceasefire]}
        """)
        let defaults = ScoringRules()
        let named = Set(defaults.stateWeights.keys).union(defaults.coreStates).union(defaults.alertKeyStates)
        let warnings = ModelWarnings.warnings(model)
        #expect(warnings.count == named.count)
    }

    @Test func eachMissingStateIsNamedWithTheKeysThatNameIt() throws {
        let model = try Self.load("""
        actors:
          - {id: colombia, name: Colombia, kind: state, aliases: [Colombia]}
        topics:
          - {id: peace, name: Peace, terms: [ceasefire]}
        rules:
          state_weights: {colombia: 1, venezuela: 1}
          core_states: [colombia, venezuela]
          alert_key_states: [ecuador]
        """)
        #expect(ModelWarnings.warnings(model) == [
            "rules name state 'venezuela' (state_weights, core_states) but the model has no state actor with that id",
            "rules name state 'ecuador' (alert_key_states) but the model has no state actor with that id",
        ])
    }

    @Test func theShippedModelHasNoWarning() throws {
        #expect(try ModelWarnings.warnings(ShippedModel.model) == [])
    }
}
