import Dangjian
import Foundation

/// A branch's monthly activity plan, filed with the organisation above (备案), and how it
/// compares with what the ledger shows was held.
public struct ActivityPlan: Sendable, Codable, Equatable {
    public struct Item: Sendable, Codable, Equatable {
        public let kind: MeetingKind
        public let plannedOn: Day
        public let topic: String
    }

    public let id: Int64
    public let organizationID: Int64
    public let month: String
    public let items: [Item]
    public let filedAt: Date
}

public struct ActivityPlanDraft: Sendable, Codable {
    public struct ItemDraft: Sendable, Codable {
        public var kind: String?
        public var plannedOn: String?
        public var topic: String?
        public init(kind: String?, plannedOn: String?, topic: String?) {
            self.kind = kind
            self.plannedOn = plannedOn
            self.topic = topic
        }
    }

    public var organizationID: Int64?
    /// "2026-07"
    public var month: String?
    public var items: [ItemDraft]?

    public init(organizationID: Int64? = nil, month: String? = nil, items: [ItemDraft]? = nil) {
        self.organizationID = organizationID
        self.month = month
        self.items = items
    }
}

/// One line of the plan-against-ledger comparison: planned and held, per kind.
public struct PlanComparison: Sendable, Codable, Equatable {
    public struct Line: Sendable, Codable, Equatable {
        public let kind: MeetingKind
        public let kindName: String
        public let planned: Int
        public let held: Int
        public let recordIDs: [Int64]
    }

    public let organizationID: Int64
    public let month: String
    public let filed: Bool
    public let lines: [Line]
}

extension Ledger {
    /// Files (or re-files) the plan for a month. Re-filing replaces it; the audit log keeps the old one.
    public func filePlan(_ draft: ActivityPlanDraft, by actor: Principal) async throws -> ActivityPlan {
        guard let organizationID = draft.organizationID else { throw DangjianError.required("organizationID") }
        let period = try Self.month(try Validate.text(draft.month, field: "month", max: 7))
        let drafts = draft.items ?? []
        guard !drafts.isEmpty, drafts.count <= 60 else {
            throw DangjianError.badValue("items", zh: "计划应有 1 到 60 项", en: "a plan has 1 to 60 items")
        }
        let items = try drafts.enumerated().map { index, item in
            let day = try Validate.requiredDay(item.plannedOn, field: "items.\(index).plannedOn")
            guard day >= period.start, day <= period.end else {
                throw DangjianError.badValue(
                    "items.\(index).plannedOn", zh: "应在 \(period.key) 月内", en: "must fall in \(period.key)")
            }
            return ActivityPlan.Item(
                kind: try Validate.enumValue(item.kind, field: "items.\(index).kind"), plannedOn: day,
                topic: try Validate.text(item.topic, field: "items.\(index).topic", max: 200))
        }
        return try await host.store.write(actor) { tx in
            let path = try OrganizationRegistry.path(
                of: organizationID, in: tx.session, scope: actor.scope(for: .readLedger))
            try actor.require(.writeLedger, over: path)
            let before = try Self.plan(of: organizationID, month: period.key, in: tx.session)
            let text = String(decoding: try JSONEncoder().encode(items), as: UTF8.self)
            try tx.session.execute(
                "DELETE FROM orglife_plans WHERE organization_id = ? AND month = ?",
                [.integer(organizationID), .text(period.key)])
            let id = try tx.session.insert(
                "INSERT INTO orglife_plans (organization_id, month, items, filed_at, filed_by) VALUES (?, ?, ?, ?, ?)",
                [
                    .integer(organizationID), .text(period.key), .text(text), tx.timestamp,
                    actor.isSystem ? .null : .integer(actor.userID),
                ])
            let plan = ActivityPlan(
                id: id, organizationID: organizationID, month: period.key, items: items, filedAt: tx.now)
            try tx.audit(
                Self.plan, id: id, action: before == nil ? "file" : "refile", path: path, before: before, after: plan)
            return plan
        }
    }

    /// The month's plan beside the month's records, kind by kind.
    public func comparePlan(of organizationID: Int64, month: String, by actor: Principal) async throws -> PlanComparison
    {
        let period = try Self.month(month)
        return try await host.store.read { s in
            let path = try OrganizationRegistry.path(of: organizationID, in: s, scope: actor.scope(for: .readLedger))
            try actor.requireOnVisible(.readLedger, over: path)
            let plan = try Self.plan(of: organizationID, month: period.key, in: s)
            var held: [MeetingKind: [Int64]] = [:]
            for row in try s.query(
                "SELECT id, kind FROM orglife_records WHERE organization_id = ? AND held_on BETWEEN ? AND ? ORDER BY held_at",
                [.integer(organizationID), SQLValue(period.start), SQLValue(period.end)])
            {
                held[try row.enumValue("kind"), default: []].append(try row.int64("id"))
            }
            let planned = Dictionary(grouping: plan?.items ?? [], by: \.kind).mapValues(\.count)
            let lines = MeetingKind.allCases.filter { planned[$0] != nil || held[$0] != nil }.map { kind in
                PlanComparison.Line(
                    kind: kind, kindName: kind.zh, planned: planned[kind] ?? 0, held: held[kind]?.count ?? 0,
                    recordIDs: held[kind] ?? [])
            }
            return PlanComparison(organizationID: organizationID, month: period.key, filed: plan != nil, lines: lines)
        }
    }

    /// Plans are monthly: "2026-07", never a quarter or a year.
    static func month(_ text: String) throws -> Period {
        let period = try Period.parse(text, field: "month")
        guard period.parts(.month).count == 1 else {
            throw DangjianError.badValue("month", zh: "应为月份，如 2026-07", en: "must be a month like 2026-07")
        }
        return period
    }

    static func plan(of organizationID: Int64, month: String, in s: any SQLSession) throws -> ActivityPlan? {
        guard
            let row = try s.queryOne(
                "SELECT * FROM orglife_plans WHERE organization_id = ? AND month = ?",
                [.integer(organizationID), .text(month)])
        else { return nil }
        return ActivityPlan(
            id: try row.int64("id"), organizationID: organizationID, month: month,
            items: try JSONDecoder().decode([ActivityPlan.Item].self, from: Data(try row.string("items").utf8)),
            filedAt: try row.date("filed_at"))
    }
}
