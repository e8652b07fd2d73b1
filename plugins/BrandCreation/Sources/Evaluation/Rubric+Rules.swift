import Dangjian
import DangjianLua

extension Rubric {
    static let scoreName = "brand-evaluation"

    /// The rubric that applies to an organisation: the baseline's `brand-evaluation`, or a
    /// district's own when its pack declares the same name (resolved like any rule).
    public static func load(for organizationID: Int64, engine: RuleEngine?, host: DangjianHost) async throws -> Rubric {
        guard let engine else {
            throw DangjianError(
                .unavailable, code: BrandCreationErrorCode.rulesNotLoaded, zh: "规则尚未加载，暂无评分细则",
                en: "The rules are not loaded, so there is no rubric yet")
        }
        let entries = try await host.organizations.sweepEntries(ids: [organizationID])
        let (scores, failures) = try await engine.scores(scoreName, argument: .nil, entries: entries)
        if let failure = failures.first {
            throw DangjianError(
                .unavailable, code: BrandCreationErrorCode.rubricFailed, zh: "评分细则脚本出错：\(failure.error.message)",
                en: "The rubric function failed: \(failure.error.message)")
        }
        guard let score = scores.first, !score.items.isEmpty, score.items.allSatisfy({ $0.points > 0 }),
            Set(score.items.map(\.item)).count == score.items.count
        else {
            throw DangjianError(
                .unavailable, code: BrandCreationErrorCode.noRubric,
                zh: "没有可用的评分细则（score(\"brand-evaluation\")，各项分值须大于 0 且不重名）",
                en: "No usable rubric: score(\"brand-evaluation\") must list distinct items, each worth more than 0")
        }
        return Rubric(
            items: score.items.map { Item(item: $0.item, max: $0.points, criterion: $0.evidence) },
            ruleRef: score.ruleRef)
    }
}
