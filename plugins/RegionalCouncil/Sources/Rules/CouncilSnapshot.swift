import Dangjian
import DangjianLua

/// The council's structure, topics and calls as rules read them: loaded once per sweep, in a
/// handful of queries, whatever the number of organisations asking.
struct CouncilSnapshot: Sendable {
    struct Body: Sendable {
        let id: Int64
        let name: String
        let committeeID: Int64
        /// The organisation that holds it: the committee's, or the sub-council's convener.
        let organizationID: Int64
        let path: String
        let establishedOn: Day
    }

    struct Unit: Sendable {
        let id: Int64
        let name: String
        let path: String
    }

    struct Topic: Sendable {
        let id: Int64
        let title: String
        let stage: ResearchTopic.Stage
        let grade: ResearchTopic.Grade
        let leadUnitID: Int64
        let committeeID: Int64
        let advisor: String?
        /// The review now awaited, if its document is not in yet.
        let pending: (kind: ResearchTopic.ReviewKind, due: Day)?
    }

    struct Call: Sendable {
        let id: Int64
        let committeeID: Int64
        let year: Int
        let title: String
        let opensOn: Day
        let closesOn: Day
    }

    var committees: [Int64: Body] = [:]
    var subCouncils: [Int64: Body] = [:]
    var units: [Int64: [Unit]] = [:]
    /// Per unit, its sub-council in each committee, by committee id.
    var membership: [Int64: [(committeeID: Int64, subCouncilID: Int64)]] = [:]
    var topicsByUnit: [Int64: [Topic]] = [:]
    var calls: [Int64: [Call]] = [:]

    static func load(_ context: CallContext) throws -> CouncilSnapshot {
        try context.batch("council.snapshot") { s in
            var snapshot = CouncilSnapshot()
            let committees = try s.query("SELECT id, name, organization_id, established_on FROM council_committees", [])
            let subCouncils = try s.query(
                "SELECT id, name, committee_id, convener_id, established_on FROM council_subcouncils", [])
            let unitRows = try s.query("SELECT committee_id, subcouncil_id, organization_id FROM council_units", [])
            // One read of the kernel's organisations for all three, however many rows.
            let labels = try OrganizationRegistry.labels(
                of: try committees.map { try $0.int64("organization_id") }
                    + subCouncils.map { try $0.int64("convener_id") }
                    + unitRows.map { try $0.int64("organization_id") }, in: s)
            for row in committees {
                let id = try row.int64("id")
                guard let label = labels[try row.int64("organization_id")] else { continue }
                snapshot.committees[id] = Body(
                    id: id, name: try row.string("name"), committeeID: id,
                    organizationID: label.id, path: label.path,
                    establishedOn: try row.day("established_on"))
            }
            for row in subCouncils {
                let id = try row.int64("id")
                guard let label = labels[try row.int64("convener_id")] else { continue }
                snapshot.subCouncils[id] = Body(
                    id: id, name: try row.string("name"), committeeID: try row.int64("committee_id"),
                    organizationID: label.id, path: label.path,
                    establishedOn: try row.day("established_on"))
            }
            let units = try unitRows.compactMap { row -> (unit: Unit, committeeID: Int64, subCouncilID: Int64)? in
                guard let label = labels[try row.int64("organization_id")] else { return nil }
                return (
                    Unit(id: label.id, name: label.name, path: label.path), try row.int64("committee_id"),
                    try row.int64("subcouncil_id")
                )
            }
            for (unit, committeeID, sub) in units.sorted(by: { $0.unit.path < $1.unit.path }) {
                snapshot.units[sub, default: []].append(unit)
                snapshot.membership[unit.id, default: []].append((committeeID, sub))
            }
            var pending: [Int64: (ResearchTopic.ReviewKind, Day)] = [:]
            for row in try s.query(
                "SELECT topic_id, kind, due_on FROM council_reviews WHERE outcome = 'pending' AND submitted_on IS NULL",
                [])
            {
                pending[try row.int64("topic_id")] = (try row.enumValue("kind"), try row.day("due_on"))
            }
            var topics: [Int64: Topic] = [:]
            for row in try s.query(
                "SELECT id, title, stage, grade, lead_unit_id, committee_id, advisor FROM council_topics", [])
            {
                let id = try row.int64("id")
                topics[id] = Topic(
                    id: id, title: try row.string("title"), stage: try row.enumValue("stage"),
                    grade: try row.enumValue("grade"),
                    leadUnitID: try row.int64("lead_unit_id"), committeeID: try row.int64("committee_id"),
                    advisor: try row.optionalString("advisor"),
                    pending: pending[id].map { (kind: $0.0, due: $0.1) })
            }
            for row in try s.query("SELECT topic_id, organization_id FROM council_topic_units ORDER BY topic_id", []) {
                if let topic = topics[try row.int64("topic_id")] {
                    snapshot.topicsByUnit[try row.int64("organization_id"), default: []].append(topic)
                }
            }
            for row in try s.query(
                "SELECT id, committee_id, year, title, opens_on, closes_on FROM council_calls ORDER BY year", [])
            {
                let call = Call(
                    id: try row.int64("id"), committeeID: try row.int64("committee_id"), year: try row.int("year"),
                    title: try row.string("title"), opensOn: try row.day("opens_on"), closesOn: try row.day("closes_on")
                )
                snapshot.calls[call.committeeID, default: []].append(call)
            }
            return snapshot
        }
    }
}

extension CouncilSnapshot.Body {
    var lua: LuaValue {
        [
            "id": .int(id), "name": .string(name), "committee_id": .int(committeeID),
            "organization_id": .int(organizationID),
            "established_on": .string(establishedOn.description),
        ]
    }
}

extension CouncilSnapshot.Topic {
    var lua: LuaValue {
        var fields: [String: LuaValue] = [
            "id": .int(id), "title": .string(title), "stage": .string(stage.rawValue),
            "grade": .string(grade.rawValue), "lead_unit_id": .int(leadUnitID),
            "committee_id": .int(committeeID),
        ]
        if let advisor { fields["advisor"] = .string(advisor) }
        if let pending {
            fields["review"] = .string(pending.kind.rawValue)
            fields["review_zh"] = .string(pending.kind.zh)
            fields["due_on"] = .string(pending.due.description)
        }
        return .table(LuaTable(fields: fields))
    }
}
