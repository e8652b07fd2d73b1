import Dangjian
import DangjianLua

/// `dj.brand.*`: what rules read about brands and evaluation rounds, from one snapshot per sweep.
extension Brands {
    static func ruleFunctions(_ context: CallContext) -> [String: LuaGlobal] {
        [
            // dj.brand.of(org_id [, today]) → { id, name, tier, stage, stage_zh, stage_since, days_in_stage (with today),
            // awaits_parent, gaps (how many) } or nil: the unit's brand
            "of": .function("dj.brand.of") { args in
                let organization = try context.organization(args, in: "dj.brand.of")
                let today = try dayArgument(args, 1, "dj.brand.of")
                return [try BrandSnapshot.load(context).brands[organization]?.lua(today: today) ?? .nil]
            },
            // dj.brand.gaps(org_id) → { { item = 3, text = "监督党员有力" }, … }: checklist items without evidence
            "gaps": .function("dj.brand.gaps") { args in
                let organization = try context.organization(args, in: "dj.brand.gaps")
                let gaps = try BrandSnapshot.load(context).brands[organization]?.gaps ?? []
                return [.table(LuaTable(array: gaps.map { ["item": .int(Int64($0.item)), "text": .string($0.text)] }))]
            },
            // dj.brand.scores(org_id) → { { round_id, title, average, rank, sheets, published }, … }: the unit's brand in each round
            "scores": .function("dj.brand.scores") { args in
                let organization = try context.organization(args, in: "dj.brand.scores")
                let snapshot = try BrandSnapshot.load(context)
                let scores = snapshot.rounds.values.sorted { $0.id < $1.id }.compactMap { round -> LuaValue? in
                    guard let entry = round.ranking.first(where: { $0.organizationID == organization }) else {
                        return nil
                    }
                    var fields: [String: LuaValue] = [
                        "round_id": .int(round.id), "title": .string(round.title),
                        "sheets": .int(Int64(entry.sheets)), "published": .bool(round.published),
                    ]
                    if let average = entry.average { fields["average"] = .number(average) }
                    if let rank = entry.rank { fields["rank"] = .int(Int64(rank)) }
                    return .table(LuaTable(fields: fields))
                }
                return [.table(LuaTable(array: scores))]
            },
            // dj.brand.rounds(org_id) → the unpublished rounds the organisation runs:
            // { { id, title, deadline, missing, evaluators = { { member_id, missing }, … } }, … }
            "rounds": .function("dj.brand.rounds") { args in
                let organization = try context.organization(args, in: "dj.brand.rounds")
                let rounds = try BrandSnapshot.load(context).rounds.values.filter {
                    $0.organizationID == organization && !$0.published
                }
                return [
                    .table(
                        LuaTable(
                            array: rounds.sorted { $0.id < $1.id }.map { round in
                                let owed = round.owed.sorted { $0.key < $1.key }
                                return [
                                    "id": .int(round.id), "title": .string(round.title),
                                    "deadline": .string(round.deadline.description),
                                    "missing": .int(Int64(owed.reduce(0) { $0 + $1.value })),
                                    "evaluators": .table(
                                        LuaTable(
                                            array: owed.map {
                                                ["member_id": .int($0.key), "missing": .int(Int64($0.value))]
                                            })),
                                ]
                            }))
                ]
            },
        ]
    }

    static func dayArgument(_ args: [LuaValue], _ index: Int, _ function: String) throws -> Day? {
        guard args.count > index, args[index] != .nil else { return nil }
        guard let day = args[index].string.flatMap({ Day($0) }) else {
            throw LuaError(kind: .badValue, message: "\(function): argument \(index + 1) must be a date (YYYY-MM-DD)")
        }
        return day
    }
}
