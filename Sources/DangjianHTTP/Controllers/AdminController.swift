import Dangjian
import Foundation
import Hummingbird

/// The audit log and the operator's view of the host: jobs, plugins, kinds.
struct AdminController {
    let host: DangjianHost

    struct PluginInfo: Encodable, Sendable {
        let id: String
        let title: String
        let dependencies: [String]
    }

    struct PluginsBody: Encodable, Sendable {
        let enabled: [PluginInfo]
        let disabled: [String]
        let taskKinds: [KindCatalog.Kind]
        let notificationKinds: [KindCatalog.Kind]
    }

    func register(_ api: APIRouter) {
        api.answering(
            KernelErrorCode.codes(in: ["user", "auth", "token"]) + HTTPErrorCode.codes(in: ["user", "auth", "token"]))
        let host = self.host
        api.add(
            .get, "/api/v1/audit", "操作日志（痕迹）/ The audit trail, newest first", tag: "audit",
            query: QueryParameter.paging + [
                QueryParameter("entity", "string", "organization, member, task, …"),
                QueryParameter("entityID", "integer", "对象 id / entity id"),
                QueryParameter("from", "string", "起始时间 / from (ISO 8601 timestamp)"),
                QueryParameter("to", "string", "截止时间 / before (ISO 8601 timestamp)"),
            ]
        ) { _, context, q in
            func timestamp(_ name: String) throws -> Date? {
                guard let text = q.string(name) else { return nil }
                if let day = Day(text) { return day.start }
                guard let date = Timestamp.parse(text) else {
                    throw DangjianError.badValue(
                        name, zh: "应为日期或 ISO 8601 时间", en: "must be a date or an ISO 8601 timestamp")
                }
                return date
            }
            let filter = AuditReader.Filter(
                entity: q.string("entity"), entityID: try q.int64("entityID"),
                from: try timestamp("from"), to: try timestamp("to"))
            return JSONReply(page: try await host.audit.list(filter, page: try q.page(), by: try context.caller()))
        }
        api.add(.get, "/api/v1/admin/jobs", "定时任务状态 / Scheduled jobs and their last runs", tag: "admin") {
            _, context, _ in
            try context.caller().requireDistrictAdmin()
            return JSONReply(try await host.scheduler.status())
        }
        api.add(.get, "/api/v1/admin/plugins", "已启用的插件 / Plugins and the kinds they declare", tag: "admin") {
            _, context, _ in
            _ = try context.caller()
            return JSONReply(
                PluginsBody(
                    enabled: host.plugins.ordered.map {
                        PluginInfo(id: $0.id, title: $0.title, dependencies: $0.dependencies)
                    },
                    disabled: host.plugins.disabled, taskKinds: host.kinds.allTaskKinds,
                    notificationKinds: host.kinds.allNotificationKinds))
        }
    }
}
