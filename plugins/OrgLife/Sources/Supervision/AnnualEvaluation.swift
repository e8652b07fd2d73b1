import Dangjian
import DangjianLua
import Foundation
import Synchronization

/// 年考评: each organisation's score for a year from the `orglife-annual` score function (a
/// district may replace it), ranked among the organisations under the same parent, with the
/// evidence for every point.
public struct AnnualEvaluation: Sendable, Codable, Equatable {
    public struct Entry: Sendable, Codable, Equatable {
        public let organizationID: Int64
        public let name: String
        public let parentID: Int64?
        public let total: Double
        /// 1 = best among the organisations under the same parent.
        public let rank: Int
        public let items: [RuleScore.Item]
        public let ruleRef: String
    }

    public let year: Int
    public let entries: [Entry]
    /// Organisations whose score function failed, with the error; they are not ranked.
    public let failures: [String: String]
}

extension Supervision {
    static let scoreName = "orglife-annual"

    public func evaluate(year: Int, under organizationID: Int64, by actor: Principal) async throws -> AnnualEvaluation {
        guard let rules = plugin.rules.running else {
            throw DangjianError(
                .unavailable, code: OrgLifeErrorCode.rulesNotLoaded, zh: "规则尚未加载，暂不能考评",
                en: "The rules are not loaded, so nothing can be scored yet")
        }
        guard Day.supportedYears.contains(year) else {
            throw DangjianError.badValue("year", zh: "年份超出范围", en: "year out of range")
        }
        let root = try await host.store.read { s in
            let path = try OrganizationRegistry.path(of: organizationID, in: s, scope: actor.scope(for: .readLedger))
            try actor.requireOnVisible(.readLedger, over: path)
            return path
        }
        let entries = try await host.organizations.sweepEntries().filter {
            $0.organization.path.hasPrefix(root) && [.branch, .jointBranch].contains($0.organization.kind)
        }
        let (scores, failures) = try await rules.engine.scores(
            Self.scoreName, argument: .int(Int64(year)), entries: entries)
        let organizations = Dictionary(uniqueKeysWithValues: entries.map { ($0.organization.id, $0.organization) })
        var ranked: [AnnualEvaluation.Entry] = []
        for (_, siblings) in Dictionary(grouping: scores, by: { organizations[$0.organizationID]?.parentID }) {
            let ordered = siblings.sorted { ($0.total, $1.organizationID) > ($1.total, $0.organizationID) }
            for (index, score) in ordered.map(\.rounded).enumerated() {
                let organization = organizations[score.organizationID]
                ranked.append(
                    AnnualEvaluation.Entry(
                        organizationID: score.organizationID, name: organization?.name ?? "",
                        parentID: organization?.parentID,
                        total: score.total, rank: index + 1, items: score.items, ruleRef: score.ruleRef))
            }
        }
        ranked.sort { ($0.parentID ?? 0, $0.rank) < ($1.parentID ?? 0, $1.rank) }
        var failed: [String: String] = [:]
        for failure in failures { failed[String(failure.organizationID)] = failure.error.description }
        return AnnualEvaluation(year: year, entries: ranked, failures: failed)
    }
}
