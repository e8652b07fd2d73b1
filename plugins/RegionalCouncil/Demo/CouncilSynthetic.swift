import Dangjian
import DangjianDemo
import Foundation
import RegionalCouncil

/// The regional council of a synthetic district (`dangjian demo --scale`): one council held by
/// the district committee, a committee (专委会) held by each of the larger system committees,
/// each committee's units split into sub-councils by street (at most 7, as in Baoshan), and
/// research topics of three years' calls at every stage.
struct CouncilSynthetic {
    let host: DangjianHost
    let scale: SyntheticScale
    let today: Day
    let seed: UInt64

    static let maxRegions = 7

    func seed(progress: @Sendable (String, Int, Int) -> Void) async throws -> SyntheticStage {
        let councils = Councils(host: host)
        let entries = try await host.organizations.sweepEntries().map(\.organization)
        guard let root = entries.first(where: { $0.parentID == nil }) else {
            return SyntheticStage(name: "联席会 council", counts: [], summary: "no organisations")
        }
        let tops = entries.filter { $0.parentID == root.id }.sorted { $0.id < $1.id }
        let isStreet: (Organization) -> Bool = { $0.domain == .community || $0.domain == .village }
        let regions = tops.filter(isStreet).prefix(Self.maxRegions).map(Self.region)
        let systems = Array(tops.filter { !isStreet($0) }.prefix(scale.scaled(8)))
        var units: [Int64: [Organization]] = [:]
        for entry in entries where entry.kind != .group { units[entry.parentID ?? 0, default: []].append(entry) }
        let council = try await councils.createCouncil(
            CouncilDraft(name: "示范区区域化党建联席会", organizationID: root.id), by: .system)
        let established = today.adding(years: -2).description
        var (subCouncils, joined, topics) = (0, 0, 0)
        for (index, system) in systems.enumerated() {
            progress("联席会 council: committees", index, systems.count)
            let committee = try await councils.createCommittee(
                in: council.id,
                CommitteeDraft(
                    name: "\(system.name)区域化党建专业委员会", organizationID: system.id, establishedOn: established),
                by: .system)
            _ = try await councils.adoptCharter(
                of: committee.id, CharterDraft(text: CouncilDemo.charter, adoptedOn: established), by: .system)
            let members = (units[system.id] ?? []).sorted { $0.id < $1.id }
            var subs: [SubCouncil] = []
            for (r, region) in (regions.isEmpty ? ["中心"] : regions).enumerated() {
                let share = members.enumerated().filter { $0.offset % max(regions.count, 1) == r }.map(\.element.id)
                guard !share.isEmpty else { continue }
                var sub = try await councils.createSubCouncil(
                    in: committee.id,
                    SubCouncilDraft(
                        name: "\(region)分会", convenerID: share[0], establishedOn: established), by: .system)
                // A sub-council takes at most 500 units a call.
                for start in stride(from: 0, to: share.count, by: 500) {
                    sub = try await councils.addUnits(
                        to: sub.id,
                        UnitsDraft(
                            organizationIDs: Array(share[start..<min(start + 500, share.count)]),
                            joinedOn: established), by: .system)
                }
                subs.append(sub)
                joined += share.count
            }
            subCouncils += subs.count
            var random = SeededGenerator(seed: seed &+ 404 &+ UInt64(index))
            topics += try await TopicSynthetic(
                host: host, today: today, committee: committee.id, units: members.shuffled(using: &random)
            ).seed()
        }
        progress("联席会 council: committees", systems.count, systems.count)
        return SyntheticStage(
            name: "联席会 council",
            counts: [
                .init("committees", systems.count), .init("sub-councils", subCouncils), .init("member units", joined),
                .init("research topics", topics),
            ],
            summary:
                "1 个联席会、\(systems.count) 个专委会、\(subCouncils) 个分会（\(joined) 个成员单位）、\(topics) 个课题 / council, committees, sub-councils, topics"
        )
    }

    /// "城东街道党工委" → "城东", "青溪镇党委" → "青溪": what a sub-council of the area is called.
    static func region(_ street: Organization) -> String {
        for suffix in ["街道党工委", "镇党委"] where street.name.hasSuffix(suffix) {
            return String(street.name.dropLast(suffix.count))
        }
        return street.name
    }
}
