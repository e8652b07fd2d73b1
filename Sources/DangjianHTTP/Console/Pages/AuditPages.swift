import Dangjian
import Foundation

/// 审计: the history of any entity (痕迹), newest first, each change with its before and after.
struct AuditPages {
    struct Line {
        let at: String
        let actor: String
        let entity: String
        let entityID: Int64
        let action: String
        let changes: [Change]
        let hasChanges: Bool

        init(_ entry: AuditEntry) {
            at = ConsoleWords.time(entry.at)
            actor = entry.actorName
            entity = AuditPages.entityNames[entry.entity] ?? entry.entity
            entityID = entry.entityID
            action =
                entry.action.hasPrefix("status:")
                ? "状态改为「" + (TaskItem.Status(rawValue: String(entry.action.dropFirst(7)))?.zh ?? entry.action) + "」"
                : AuditPages.actionNames[entry.action] ?? entry.action
            changes = Change.between(entry.before, entry.after)
            hasChanges = !changes.isEmpty
        }
    }
    /// One field that differs between before and after.
    struct Change {
        let field: String
        let before: String
        let after: String

        static func between(_ before: String?, _ after: String?) -> [Change] {
            let old = object(before)
            let new = object(after)
            return Set(old.keys).union(new.keys).sorted().compactMap { key in
                let a = old[key].map(text) ?? ""
                let b = new[key].map(text) ?? ""
                guard a != b, !["updatedAt", "createdAt"].contains(key) else { return nil }
                return Change(field: ConsoleWords.field(key), before: a.isEmpty ? "—" : a, after: b.isEmpty ? "—" : b)
            }
        }
        private static func object(_ json: String?) -> [String: Any] {
            guard let data = json?.data(using: .utf8),
                let value = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            else { return [:] }
            return value
        }
        private static func text(_ value: Any) -> String {
            switch value {
            case is NSNull: ""
            case let text as String: text
            case let number as NSNumber: number.stringValue
            default:
                (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])).flatMap {
                    String(data: $0, encoding: .utf8)
                } ?? ""
            }
        }
    }
    struct Content {
        let lines: [Line]
        let entity: String
        let entityID: String
        let next: String?
        let empty: Bool
        let entities: [MemberPages.Choice]
    }

    static let entityNames: [String: String] = [
        "member": "党员", "organization": "党组织", "task": "任务", "user": "用户", "transfer": "组织关系转接",
        "inspection": "检查", "finding": "问题", "notification": "消息", "channel": "通知渠道",
    ]
    static let actionNames: [String: String] = [
        "create": "新建", "update": "修改", "changeStatus": "变更状态", "transition": "变更任务状态", "archive": "撤销",
        "move": "调整隶属", "send": "发起", "receive": "接收", "cancel": "撤回", "correct": "更正", "evidence": "提交佐证",
        "changePassword": "修改密码", "import": "导入",
    ]

    func register(_ pages: ConsolePages) {
        pages.get("/audit") { page in
            let entity = page.query("entity")
            let entityID = try page.query("id").map { text -> Int64 in
                guard let id = Int64(text) else { throw DangjianError.badValue("id", zh: "应为编号", en: "must be an id") }
                return id
            }
            let found = try await page.host.audit.list(
                .init(entity: entity, entityID: entityID),
                page: try PageRequest(limit: 50, cursor: page.query("cursor")), by: page.principal)
            var query = [String]()
            if let entity { query.append("entity=\(Console.encoded(entity))") }
            if let entityID { query.append("id=\(entityID)") }
            let next = found.nextCursor.map {
                "/audit?" + (query + ["cursor=\(Console.encoded($0))"]).joined(separator: "&")
            }
            return .page(
                title: "操作记录", template: "audit",
                content: Content(
                    lines: found.items.map(Line.init), entity: entity ?? "", entityID: entityID.map(String.init) ?? "",
                    next: next, empty: found.items.isEmpty,
                    entities: [MemberPages.Choice(value: "", label: "全部", selected: entity == nil)]
                        + Self.entityNames.sorted { $0.key < $1.key }.map {
                            MemberPages.Choice(value: $0.key, label: $0.value, selected: entity == $0.key)
                        }))
        }
    }
}
