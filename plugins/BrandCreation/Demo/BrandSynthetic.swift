import BrandCreation
import Dangjian
import DangjianDemo
import Foundation

/// The brands of a synthetic district (`dangjian demo --scale`): about one unit in forty (400
/// in the city) has applied for its one brand, at every tier its kind allows and at every stage
/// from the application to recognition, each through the same steps as the API.
struct BrandSynthetic {
    let host: DangjianHost
    let scale: SyntheticScale
    let today: Day
    let seed: UInt64

    /// Which tier the n-th brand aims at (mostly model branches), and how far it has gone.
    static let tiers: [Tier] = [
        .modelBranch, .modelBranch, .modelBranch, .benchmarkDepartment, .modelBranch, .modelBranch,
        .distinctive, .modelBranch, .benchmarkDepartment, .demonstration,
    ]
    static let stages: [(Brand.Stage, days: Int)] = [
        (.recognised, 200), (.inCreation, 40), (.approved, 20), (.applied, 10),
        (.assessed, 15), (.recognised, 120), (.returned, 15), (.inCreation, 90),
    ]

    func seed(progress: @Sendable (String, Int, Int) -> Void) async throws -> SyntheticStage {
        let brands = Brands(host: host)
        let demo = BrandDemo(host: host, today: today, rulesDirectory: "")
        let all = try await host.organizations.sweepEntries().map(\.organization)
        guard let root = all.first(where: { $0.parentID == nil }) else {
            return SyntheticStage(name: "品牌 brands", counts: [], summary: "no organisations")
        }
        // Units below the second level, shuffled once so brands spread over the district.
        var random = SeededGenerator(seed: seed &+ 505)
        let units = all.filter { $0.parentID != nil && $0.parentID != root.id && $0.kind != .group }.sorted {
            $0.id < $1.id
        }
        .shuffled(using: &random)
        var candidates: [Tier: ArraySlice<Organization>] = [:]
        for tier in Tier.allCases { candidates[tier] = units.filter { tier.kinds.contains($0.kind) }[...] }
        // 一单位一品牌: a committee may stand for several tiers, but takes one brand.
        var used: Set<Int64> = []
        func next(_ tier: Tier) -> Organization? {
            while let unit = candidates[tier]?.popFirst() { if used.insert(unit.id).inserted { return unit } }
            return nil
        }
        let total = scale.scaled(400, minimum: 2)
        var made = 0
        for n in 0..<total {
            var tier = Self.tiers[n % Self.tiers.count]
            // A tier without units left falls back to a model branch.
            guard
                let unit = next(tier)
                    ?? {
                        tier = .modelBranch; return next(tier)
                    }()
            else { break }
            let (stage, days) = Self.stages[n % Self.stages.count]
            _ = try await demo.make(brands, unit, tier, stage, lastStep: today.adding(days: -days - n % 30), index: n)
            made += 1
            progress("品牌 brands", made, total)
        }
        return SyntheticStage(
            name: "品牌 brands", counts: [.init("brands", made)],
            summary: "\(made) 个党建品牌（各阶段、各层级）/ brands at every stage and tier")
    }
}
