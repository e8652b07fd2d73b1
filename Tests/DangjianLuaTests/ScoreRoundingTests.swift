import Testing
@testable import Dangjian
@testable import DangjianLua

/// Issue 13 point 21: a Lua score is kept as computed and shown to two decimals (OrgLife's
/// annual evaluation ranks on the full value and answers the rounded one).
@Suite struct ScoreRoundingTests {
    @Test func aScoreAndItsItemsAreShownToTwoDecimals() {
        let score = RuleScore(
            organizationID: 7, total: 9.585666293393057,
            items: [.init(item: "会议", points: 6.666666666666667, evidence: "支委会 8 次")], ruleRef: "score:x@1")
        #expect(
            score.rounded
                == RuleScore(
                    organizationID: 7, total: 9.59, items: [.init(item: "会议", points: 6.67, evidence: "支委会 8 次")],
                    ruleRef: "score:x@1"))
        #expect((-0.005).roundedScore == -0.01 && 80.0.roundedScore == 80)
    }
}
