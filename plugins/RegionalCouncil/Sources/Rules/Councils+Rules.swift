import Dangjian
import DangjianLua

/// `dj.council.*`: what rules read about the council. Structure, topics and calls are read once
/// per sweep (`CouncilSnapshot`); meetings once per kind and period, for every body at once.
extension Councils {
    static func ruleFunctions(_ context: CallContext) -> [String: LuaGlobal] {
        [
            // dj.council.subcouncil(org_id [, committee_id]) → { id, name, committee_id, organization_id } or nil
            "subcouncil": .function("dj.council.subcouncil") { args in
                let organization = try context.organization(args, in: "dj.council.subcouncil")
                let snapshot = try CouncilSnapshot.load(context)
                let wanted = args.count > 1 ? args[1].int : nil
                let entry = snapshot.membership[organization]?.first { wanted == nil || $0.committeeID == wanted }
                return [entry.flatMap { snapshot.subCouncils[$0.subCouncilID] }?.lua ?? .nil]
            },
            // dj.council.units(subcouncil_id) → { { id, name }, … }: the units this pack may read
            "units": .function("dj.council.units") { args in
                guard let id = args.first?.int else {
                    throw LuaError(kind: .badValue, message: "dj.council.units(subcouncil_id) needs an id")
                }
                let units = try CouncilSnapshot.load(context).units[id] ?? []
                return [
                    .table(
                        LuaTable(
                            array: units.filter { context.mayRead(path: $0.path) }.map {
                                ["id": .int($0.id), "name": .string($0.name)]
                            }))
                ]
            },
            // dj.council.hosted(org_id) → { committees = { … }, subcouncils = { … } } the organisation holds or convenes
            "hosted": .function("dj.council.hosted") { args in
                let organization = try context.organization(args, in: "dj.council.hosted")
                let snapshot = try CouncilSnapshot.load(context)
                func held(_ bodies: [Int64: CouncilSnapshot.Body]) -> LuaValue {
                    .table(
                        LuaTable(
                            array: bodies.values.filter { $0.organizationID == organization }.sorted { $0.id < $1.id }
                                .map(\.lua)))
                }
                return [["committees": held(snapshot.committees), "subcouncils": held(snapshot.subCouncils)]]
            },
            // dj.council.meetings(kind, id, period) → { { id, held_on, title }, … }: plenary and lecture by
            // committee id, subCouncil by sub-council id
            "meetings": .function("dj.council.meetings") { args in
                guard let text = args.first?.string, let kind = CouncilMeetingKind(rawValue: text) else {
                    throw LuaError(
                        kind: .badValue,
                        message: "dj.council.meetings: argument 1 must be plenary, subCouncil or lecture")
                }
                guard args.count > 1, let id = args[1].int else {
                    throw LuaError(kind: .badValue, message: "dj.council.meetings: argument 2 must be an id")
                }
                let period = try Period.argument(args, 2, "dj.council.meetings")
                let snapshot = try CouncilSnapshot.load(context)
                guard let body = kind == .subCouncil ? snapshot.subCouncils[id] : snapshot.committees[id],
                    context.mayRead(path: body.path)
                else {
                    throw LuaError(
                        kind: .badValue,
                        message:
                            "dj.council.meetings: no \(kind == .subCouncil ? "sub-council" : "committee") \(id) in this pack's subtree"
                    )
                }
                let held = try context.batch("council.meetings:\(kind.rawValue):\(period.start):\(period.end)") { s in
                    var held: [String: [LuaValue]] = [:]
                    for row in try s.query(
                        """
                        SELECT id, body, held_on, title FROM council_meetings WHERE kind = ? AND held_on BETWEEN ? AND ? ORDER BY held_at, id
                        """, [SQLValue(kind), SQLValue(period.start), SQLValue(period.end)])
                    {
                        held[try row.string("body"), default: []].append(
                            [
                                "id": .int(try row.int64("id")), "held_on": .string(try row.string("held_on")),
                                "title": .string(try row.string("title")),
                            ])
                    }
                    return held
                }
                return [
                    .table(LuaTable(array: held["\(kind == .subCouncil ? "subcouncil" : "committee"):\(id)"] ?? []))
                ]
            },
            // dj.council.topics(org_id [, stage]) → the topics the unit works on; stage "active" for those under way
            "topics": .function("dj.council.topics") { args in
                let organization = try context.organization(args, in: "dj.council.topics")
                let stage = args.count > 1 ? args[1].string : nil
                if let stage, stage != "active", ResearchTopic.Stage(rawValue: stage) == nil {
                    throw LuaError(
                        kind: .badValue,
                        message: "dj.council.topics: stage must be active or one of "
                            + ResearchTopic.Stage.allCases.map(\.rawValue).joined(separator: ", "))
                }
                let topics = try CouncilSnapshot.load(context).topicsByUnit[organization] ?? []
                return [
                    .table(
                        LuaTable(
                            array: topics.filter { topic in
                                stage == nil
                                    || (stage == "active" ? topic.stage.isActive : topic.stage.rawValue == stage)
                            }.map(\.lua)))
                ]
            },
            // dj.council.reviews(org_id) → the reviews the unit leads whose documents are awaited: { id, title, review, due_on, … }
            "reviews": .function("dj.council.reviews") { args in
                let organization = try context.organization(args, in: "dj.council.reviews")
                return [.table(LuaTable(array: try awaited(organization, context).map(\.lua)))]
            },
            // dj.council.overdue_reviews(org_id, today) → the awaited reviews past their due date
            "overdue_reviews": .function("dj.council.overdue_reviews") { args in
                let organization = try context.organization(args, in: "dj.council.overdue_reviews")
                guard args.count > 1, let today = args[1].string.flatMap({ Day($0) }) else {
                    throw LuaError(kind: .badValue, message: "dj.council.overdue_reviews(org_id, today) needs a date")
                }
                return [
                    .table(
                        LuaTable(
                            array: try awaited(organization, context).filter { $0.pending!.due < today }.map(\.lua)))
                ]
            },
            // dj.council.open_call(org_id, today) → of the calls open on that day in the committees the unit
            // belongs to, the one closing first, or nil
            "open_call": .function("dj.council.open_call") { args in
                let organization = try context.organization(args, in: "dj.council.open_call")
                guard args.count > 1, let today = args[1].string.flatMap({ Day($0) }) else {
                    throw LuaError(kind: .badValue, message: "dj.council.open_call(org_id, today) needs a date")
                }
                let snapshot = try CouncilSnapshot.load(context)
                let committees = Set((snapshot.membership[organization] ?? []).map(\.committeeID))
                let call = committees.flatMap { snapshot.calls[$0] ?? [] }.filter {
                    $0.opensOn <= today && today <= $0.closesOn
                }
                .min { ($0.closesOn, $0.id) < ($1.closesOn, $1.id) }
                return [
                    call.map { call -> LuaValue in
                        [
                            "id": .int(call.id), "year": .int(Int64(call.year)), "title": .string(call.title),
                            "committee_id": .int(call.committeeID),
                            "opens_on": .string(call.opensOn.description),
                            "closes_on": .string(call.closesOn.description),
                        ]
                    } ?? .nil
                ]
            },
        ]
    }

    static func awaited(_ organization: Int64, _ context: CallContext) throws -> [CouncilSnapshot.Topic] {
        (try CouncilSnapshot.load(context).topicsByUnit[organization] ?? []).filter {
            $0.leadUnitID == organization && $0.pending != nil
        }
    }

}
