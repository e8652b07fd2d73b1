import Dangjian
import RegionalCouncil

/// The quota: by default one sub-council per person and role, the document's one-to-one
/// pairing ("每人联系一个分会"). A district with more sub-councils than leaders relaxes it with
/// `plugins.settings: [liaison.maxSubCouncilsPerPerson=2]`.
extension Liaisons {
    static let quotaKey = "maxSubCouncilsPerPerson"
    static let quotaRange = 1...20

    /// The configured quota; the host refuses to open with a wrong one (`checkSettings`), so
    /// reading falls back to the default only when the key is absent.
    static func quota(_ settings: [String: String]) -> Int {
        settings[quotaKey].flatMap { Int($0) }.map { min(max($0, quotaRange.lowerBound), quotaRange.upperBound) } ?? 1
    }

    static func checkSettings(_ settings: [String: String]) -> [String] {
        settings.keys.sorted().compactMap { key in
            guard key == quotaKey else { return PluginSet.unknownSetting(DualLiaisonPlugin.pluginID, key) }
            guard let value = settings[key].flatMap({ Int($0) }), quotaRange.contains(value) else {
                return
                    "plugins.settings: \(DualLiaisonPlugin.pluginID).\(key): 应为 \(quotaRange.lowerBound) 到 \(quotaRange.upperBound) 之间的整数 "
                    + "/ must be a whole number from \(quotaRange.lowerBound) to \(quotaRange.upperBound), got \(settings[key] ?? "")"
            }
            return nil
        }
    }

    /// The person may take the sub-council in `role` from `from`: they hold neither the other
    /// role there, nor, on any day from `from` on, `quota` other sub-councils in this role
    /// (assignments that ended after `from` count on the days they still ran).
    static func checkFree(
        _ person: Person, role: LiaisonRole, at subCouncilID: Int64, from: Day, quota: Int, in s: any SQLSession
    ) throws {
        let rows = try s.query(
            """
            SELECT a.subcouncil_id, a.role, a.from_on, a.to_on FROM liaison_assignments a
            WHERE a.member_id = ? AND (a.to_on IS NULL OR a.to_on >= ?) ORDER BY a.subcouncil_id, a.from_on
            """, [.integer(person.id), SQLValue(from)])
        let subCouncils = try CouncilDirectory.subCouncils(ids: try rows.map { try $0.int64("subcouncil_id") }, in: s)
        let overlapping = try rows.compactMap {
            row -> (sub: Int64, role: LiaisonRole, from: Day, to: Day?, name: String)? in
            guard let sub = subCouncils[try row.int64("subcouncil_id")] else { return nil }
            return (
                sub: sub.id, role: try row.enumValue("role") as LiaisonRole, from: max(try row.day("from_on"), from),
                to: try row.optionalDay("to_on"), name: sub.name
            )
        }
        if overlapping.contains(where: { $0.sub == subCouncilID && $0.role != role }) {
            throw DangjianError.conflict(
                DualLiaisonErrorCode.samePerson, field: "memberID",
                zh: "同一人不能同时担任一个分会的领导联系人和党办联系人", en: "One person cannot be both liaisons of a sub-council")
        }
        // The most sub-councils held at once: the count only rises on a day an assignment starts.
        let others = overlapping.filter { $0.role == role && $0.sub != subCouncilID }
        let peak = others.map(\.from).map { day in
            (day, others.filter { $0.from <= day && ($0.to.map { $0 >= day } ?? true) })
        }
        .max { $0.1.count < $1.1.count }
        guard let (day, held) = peak, held.count >= quota else { return }
        let names = held.map(\.name)
        throw DangjianError.conflict(
            DualLiaisonErrorCode.overQuota, field: "memberID",
            zh:
                "\(person.name) 在 \(day) 已联系 \(held.count) 个分会（\(names.joined(separator: "、"))），每人作为\(role.zh)至多联系 \(quota) 个分会",
            en:
                "\(person.name) liaises with \(held.count) sub-council(s) on \(day) (\(names.joined(separator: ", "))); at most \(quota) per person as \(role.rawValue) liaison"
        )
    }
}
