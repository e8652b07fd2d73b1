import Dangjian
import DangjianLua

/// `dj.liaison.*`: what rules read about the liaison system. Its state is read once per sweep
/// (`LiaisonState`, four queries for every committee); the log once per period, for every
/// member at once. A district pack sees sub-councils convened, committees held and liaisons
/// belonging inside its subtree only.
extension Liaisons {
    static func ruleFunctions(_ context: CallContext, quota: Int) -> [String: LuaGlobal] {
        [
            // dj.liaison.liaisons(subcouncil_id) → { leader = { member_id, name, since }, staff = { … } }; a vacant role is nil
            "liaisons": .function("dj.liaison.liaisons") { args in
                let state = try state(context)
                guard let id = args.first?.int, let sub = state.subCouncil(id), context.mayRead(path: sub.path) else {
                    throw LuaError(
                        kind: .badValue,
                        message: "dj.liaison.liaisons: argument 1 must be a sub-council in this pack's subtree")
                }
                return [pair(of: sub, state, context)]
            },
            // dj.liaison.subcouncils(committee_id) → { { id, name, leader = …, staff = … }, … }
            "subcouncils": .function("dj.liaison.subcouncils") { args in
                let state = try state(context)
                let committee = try committeeArgument(args, state, context, "dj.liaison.subcouncils")
                return [
                    .table(
                        LuaTable(
                            array: state.subCouncils(of: committee).filter { context.mayRead(path: $0.path) }.map {
                                sub in
                                var fields = pair(of: sub, state, context).table?.fields ?? [:]
                                fields["id"] = .int(sub.id)
                                fields["name"] = .string(sub.name)
                                return .table(LuaTable(fields: fields))
                            }))
                ]
            },
            // dj.liaison.gaps(committee_id) → { { subcouncil_id, name, role, role_zh, vacant_since }, … }; vacant_since is nil
            // when the role was never filled
            "gaps": .function("dj.liaison.gaps") { args in
                let state = try state(context)
                let committee = try committeeArgument(args, state, context, "dj.liaison.gaps")
                return [
                    .table(
                        LuaTable(
                            array: state.gaps(of: committee).map { gap in
                                var fields: [String: LuaValue] = [
                                    "subcouncil_id": .int(gap.subCouncilID), "name": .string(gap.subCouncil),
                                    "role": .string(gap.role.rawValue), "role_zh": .string(gap.role.zh),
                                ]
                                if let since = gap.vacantSince { fields["vacant_since"] = .string(since.description) }
                                return .table(LuaTable(fields: fields))
                            }))
                ]
            },
            // dj.liaison.over_quota(committee_id) → { { member_id, name, role, role_zh, count, quota, since, subcouncils = { { id, name }, … },
            // elsewhere }, … }: the committee's liaisons holding more sub-councils in a role than the host's quota, counted over
            // every committee (since: the latest start among them); sub-councils outside this pack's subtree are counted in
            // `elsewhere`, not named, and a liaison outside it is left out
            "over_quota": .function("dj.liaison.over_quota") { args in
                let state = try state(context)
                let committee = try committeeArgument(args, state, context, "dj.liaison.over_quota")
                let over = state.overQuota(of: committee, quota: quota) { sub in
                    context.mayRead(path: sub.path)
                        || state.committees[sub.committeeID].map { context.mayRead(path: $0) } == true
                }
                return [
                    .table(
                        LuaTable(
                            array: over.filter { context.mayRead(path: $0.path) }.map { excess in
                                let entry = excess.entry
                                return .table(
                                    LuaTable(fields: [
                                        "member_id": .int(entry.memberID), "name": .string(entry.name),
                                        "role": .string(entry.role.rawValue),
                                        "role_zh": .string(entry.role.zh),
                                        "count": .int(Int64(entry.subCouncils.count + entry.elsewhere)),
                                        "quota": .int(Int64(entry.quota)), "since": .string(excess.since.description),
                                        "elsewhere": .int(Int64(entry.elsewhere)),
                                        "subcouncils": .table(
                                            LuaTable(
                                                array: entry.subCouncils.map {
                                                    .table(
                                                        LuaTable(fields: [
                                                            "id": .int($0.subCouncilID), "name": .string($0.name),
                                                        ]))
                                                })),
                                    ]))
                            }))
                ]
            },
            // dj.liaison.log(member_id, period) → { { id, subcouncil_id, kind, role, on, meeting_id, topic_id }, … }: the
            // member's entries in the period; none for a member outside this pack's subtree
            "log": .function("dj.liaison.log") { args in
                guard let member = args.first?.int else {
                    throw LuaError(kind: .badValue, message: "dj.liaison.log(member_id, period) needs a member id")
                }
                let period = try Period.argument(args, 1, "dj.liaison.log")
                let log = try context.batch("liaison.log:\(period.start):\(period.end)") { s in
                    try logByMember(period, in: s)
                }
                guard let entries = log[member], context.mayRead(path: entries.path) else {
                    return [.table(LuaTable())]
                }
                return [.table(LuaTable(array: entries.entries))]
            },
        ]
    }

    static func state(_ context: CallContext) throws -> LiaisonState {
        try context.batch("liaison.state") { s in try LiaisonState.load(committeeID: nil, in: s) }
    }

    static func committeeArgument(_ args: [LuaValue], _ state: LiaisonState, _ context: CallContext, _ function: String)
        throws -> Int64
    {
        guard let id = args.first?.int, let path = state.committees[id], context.mayRead(path: path) else {
            throw LuaError(
                kind: .badValue, message: "\(function): argument 1 must be a committee in this pack's subtree")
        }
        return id
    }

    /// `{ leader = …, staff = … }`, leaving out a liaison outside the pack's subtree.
    static func pair(of sub: LiaisonState.SubCouncil, _ state: LiaisonState, _ context: CallContext) -> LuaValue {
        var fields: [String: LuaValue] = [:]
        for (role, held) in state.current[sub.id] ?? [:] where context.mayRead(path: held.path) {
            fields[role.rawValue] = [
                "member_id": .int(held.assignment.memberID), "name": .string(held.assignment.name),
                "since": .string(held.assignment.from.description),
            ]
        }
        return .table(LuaTable(fields: fields))
    }

    /// One period's log for every member, with each member's organisation path for the scope check.
    static func logByMember(_ period: Period, in s: any SQLSession) throws -> [Int64: (
        path: String, entries: [LuaValue]
    )] {
        var log: [Int64: (path: String, entries: [LuaValue])] = [:]
        let rows = try s.query(
            """
            SELECT l.id, l.subcouncil_id, l.member_id, l.role, l.kind, l.meeting_id, l.topic_id, l.happened_on
            FROM liaison_log l WHERE l.happened_on BETWEEN ? AND ? ORDER BY l.happened_on, l.id
            """, [SQLValue(period.start), SQLValue(period.end)])
        let people = try MemberRegistry.facts(of: try rows.map { try $0.int64("member_id") }, in: s)
        for row in rows {
            guard let person = people[try row.int64("member_id")] else { continue }
            var entry: [String: LuaValue] = [
                "id": .int(try row.int64("id")), "subcouncil_id": .int(try row.int64("subcouncil_id")),
                "kind": .string(try row.string("kind")), "role": .string(try row.string("role")),
                "on": .string(try row.string("happened_on")),
            ]
            if let meeting = try row.optionalInt64("meeting_id") { entry["meeting_id"] = .int(meeting) }
            if let topic = try row.optionalInt64("topic_id") { entry["topic_id"] = .int(topic) }
            let (member, path) = (person.id, person.path)
            log[member, default: (path, [])].entries.append(.table(LuaTable(fields: entry)))
        }
        return log
    }
}
