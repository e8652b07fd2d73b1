import Dangjian
import Hummingbird

struct NotificationController {
    let host: DangjianHost

    struct UnreadCount: Encodable, Sendable { let unread: Int }
    struct Changed: Encodable, Sendable { let changed: Int }

    func register(_ api: APIRouter) {
        api.answering(KernelErrorCode.codes(in: ["notification"]) + HTTPErrorCode.codes(in: ["notification"]))
        let center = host.notifications
        let tag = "notifications"
        api.add(
            .get, "/api/v1/notifications", "我的消息 / The caller's inbox, newest first", tag: tag,
            query: QueryParameter.paging + [QueryParameter("unreadOnly", "boolean", "只看未读 / unread only")]
        ) { _, context, q in
            JSONReply(
                page: try await center.inbox(
                    unreadOnly: try q.bool("unreadOnly") ?? false, page: try q.page(),
                    by: try context.caller()))
        }
        api.add(.get, "/api/v1/notifications/unread-count", "未读消息数 / Unread count", tag: tag) { _, context, _ in
            JSONReply(UnreadCount(unread: try await center.unreadCount(by: try context.caller())))
        }
        api.add(.post, "/api/v1/notifications/{id}/read", "标为已读 / Mark read", tag: tag) { _, context, _ in
            JSONReply(try await center.markRead(try context.id(), by: try context.caller()))
        }
        api.add(.post, "/api/v1/notifications/read-all", "全部标为已读 / Mark all read", tag: tag) { _, context, _ in
            JSONReply(Changed(changed: try await center.markAllRead(by: try context.caller())))
        }
    }
}
