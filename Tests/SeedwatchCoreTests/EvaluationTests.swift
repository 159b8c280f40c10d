import Foundation
import SeedwatchCore
import Testing

@Suite("Relevance evaluation: labels, cross-validation")
struct EvaluationTests {
    @Test func labelsReadFiveColumnsCommentsAndItems() throws {
        let text = "# comment\nkcna/a.json#3\t2\ttreaty\tEN\trepo@abc:a.json\nb.html\t0\tno seed term\n\nc.xml#1\t1\tdrills\tde\t\n"
        let labels = try RelevanceLabel.parse(text)
        #expect(labels.map(\.file) == ["kcna/a.json", "b.html", "c.xml"])
        #expect(labels.map(\.item) == [3, nil, 1])
        #expect(labels.map(\.grade) == [.mustAlert, .irrelevant, .eitherWay])
        #expect(labels.map(\.language) == ["en", nil, "de"])
        #expect(labels.map(\.source) == ["repo@abc:a.json", nil, nil])
        #expect(labels[0].path == "kcna/a.json#3")
        let error = #expect(throws: RelevanceLabelError.self) {
            try RelevanceLabel.parse("a.txt\t2\tok\nb.txt\tmaybe\tbad\n")
        }
        #expect(error?.description == "labels line 2: expected PATH<TAB>0|1|2<TAB>reason[<TAB>language[<TAB>source]]")
        #expect(error == RelevanceLabelError(line: 2, problem: .malformedLine))
    }

    static func outcome(_ index: Int, _ grade: RelevanceLabel.Grade, score: Double, topic: Double = 10, ceiling: AlertLevel? = .alert) -> RelevanceEvaluation.Outcome {
        let d = Decision(score: score, level: nil, actors: [], topics: [], evidence: [], explanation: [], topicPoints: topic, ceiling: ceiling)
        return .init(label: RelevanceLabel(file: "f\(index).txt", item: nil, grade: grade, reason: ""), title: "", decision: d, index: index)
    }

    @Test func thresholdsAreFittedForF1AndTiesGoToTheModelsValue() {
        var rules = ScoringRules()
        rules.alertThreshold = 19
        rules.noticeThreshold = 16
        // Must-alert at 30 and 25, must-not at 19.5: at 19 the must-not alerts; up to 22.5 it is in
        // the notice band (alert − 3); from 23 to 25 both hits stay and nothing else has a level (F1 1).
        let outcomes = [Self.outcome(0, .mustAlert, score: 30), Self.outcome(1, .mustAlert, score: 25),
                        Self.outcome(2, .irrelevant, score: 19.5)]
        let fitted = CrossValidation.fitThresholds(outcomes, rules: rules)
        #expect(fitted.alertThreshold == 23)
        #expect(fitted.noticeThreshold == 20)
        var expected = RelevanceMetrics()
        expected.hits = 2
        expected.correctRejections = 1
        #expect(CrossValidation.metrics(outcomes, rules: fitted) == expected)
    }

    @Test func crossValidationPoolsTheHeldOutFolds() {
        var rules = ScoringRules()
        rules.alertThreshold = 19
        rules.noticeThreshold = 16
        let outcomes = [Self.outcome(0, .mustAlert, score: 30), Self.outcome(1, .irrelevant, score: 5),
                        Self.outcome(2, .mustAlert, score: 24), Self.outcome(3, .irrelevant, score: 40, ceiling: nil)]
        let result = CrossValidation.run(outcomes, rules: rules, folds: 2)
        #expect(result.folds.map(\.index) == [0, 1])
        #expect(result.folds.map(\.alertThreshold) == [19, 19])
        #expect(result.pooled.hits == 2)
        #expect(result.pooled.falseAlarms == 0)
        #expect(result.pooled.correctRejections == 2)
    }
}
