import Dangjian
import Hummingbird

/// Issue 15's API: the subtree's group robots (URLs and secrets write-only), routes and
/// deliveries for district admins, and each user's own channels and mutes.
struct DeliveryController {
    let host: DangjianHost

    /// A user's own address for one channel.
    struct OwnChannel: APIInput {
        var address: String?
        init() {}
    }

    /// Where a kind goes on an organisation's subtree.
    struct RouteDraft: APIInput {
        var organizationID: Int64?
        var kind: String?
        var targets: [String]?
        init() {}
    }

    struct Listed<Item: Encodable & Sendable>: Encodable, Sendable { let items: [Item] }

    func register(_ api: APIRouter) {
        api.answering(
            KernelErrorCode.codes(in: ["channel", "delivery", "organization", "validation"])
                + HTTPErrorCode.codes(in: ["channel", "delivery"]))
        let channels = host.channels
        let outbox = host.outbox
        let tag = "delivery"
        api.add(
            .get, "/api/v1/admin/channels", "群机器人 / The subtree's group robots (URLs masked)", tag: tag,
            query: [QueryParameter("organizationID", "integer", "只看某组织 / one organisation only")]
        ) { _, context, q in
            JSONReply(
                Listed(items: try await channels.endpoints(of: try q.int64("organizationID"), by: try context.caller()))
            )
        }
        api.add(.post, "/api/v1/admin/channels", "添加群机器人 / Add a group robot", tag: tag, body: EndpointDraft.self) {
            _, context, draft in
            JSONReply(try await channels.add(draft, by: try context.caller()), status: .created)
        }
        api.add(.get, "/api/v1/admin/channels/{id}", "群机器人 / One group robot", tag: tag) { _, context, _ in
            JSONReply(try await channels.endpoint(try context.id(), by: try context.caller()))
        }
        api.add(
            .patch, "/api/v1/admin/channels/{id}", "修改群机器人 / Change a robot's name, URL or secret", tag: tag,
            body: EndpointDraft.self
        ) { _, context, draft in
            JSONReply(try await channels.update(try context.id(), draft, by: try context.caller()))
        }
        for (action, paused) in [("pause", true), ("resume", false)] {
            api.add(
                .post, "/api/v1/admin/channels/{id}/\(action)",
                paused ? "暂停群机器人 / Pause a robot" : "恢复群机器人 / Resume a robot", tag: tag
            ) { _, context, _ in
                JSONReply(try await channels.setPaused(try context.id(), paused, by: try context.caller()))
            }
        }
        api.add(.post, "/api/v1/admin/channels/{id}/test", "发送测试消息 / Send a test message", tag: tag) {
            _, context, _ in
            JSONReply(try await outbox.test(try context.id(), by: try context.caller()), status: .accepted)
        }
        api.add(
            .get, "/api/v1/admin/deliveries", "投递记录 / Deliveries, newest first", tag: tag,
            query: QueryParameter.paging + [
                QueryParameter("status", "string", "pending, delivered, dead"),
                QueryParameter("channel", "string", "wecom, dingtalk, feishu, webhook, email"),
                QueryParameter("organizationID", "integer", "组织 / organisation"),
            ]
        ) { _, context, q in
            let filter = Outbox.Filter(
                status: q.string("status"), channel: q.string("channel"), organizationID: try q.int64("organizationID"))
            return JSONReply(page: try await outbox.deliveries(filter, page: try q.page(), by: try context.caller()))
        }
        api.add(.post, "/api/v1/admin/deliveries/{id}/retry", "重试失败投递 / Try a dead letter again", tag: tag) {
            _, context, _ in
            JSONReply(try await outbox.retry(try context.id(), by: try context.caller()))
        }
        api.add(
            .get, "/api/v1/admin/delivery-routes", "推送规则 / The routes that hold at an organisation, nearest first",
            tag: tag, query: [QueryParameter("organizationID", "integer", "组织 / organisation")]
        ) { _, context, q in
            guard let organization = try q.int64("organizationID") else {
                throw DangjianError.required("organizationID")
            }
            return JSONReply(Listed(items: try await channels.routes(of: organization, by: try context.caller())))
        }
        api.add(
            .put, "/api/v1/admin/delivery-routes", "设置推送规则 / Set where a kind goes in a subtree", tag: tag,
            body: RouteDraft.self
        ) { _, context, draft in
            guard let organization = draft.organizationID else { throw DangjianError.required("organizationID") }
            guard let kind = draft.kind else { throw DangjianError.required("kind") }
            return JSONReply(
                try await channels.setRoute(kind, targets: draft.targets, on: organization, by: try context.caller()))
        }
        api.add(.get, "/api/v1/me/channels", "我的通知渠道 / The caller's own channels and mutes", tag: tag) {
            _, context, _ in
            let caller = try context.caller()
            return JSONReply(
                OwnChannels(channels: try await channels.own(by: caller), muted: try await channels.mutes(by: caller)))
        }
        api.add(
            .put, "/api/v1/me/channels/{channel}", "设置我的通知渠道 / Set the caller's email or @-mention id", tag: tag,
            body: OwnChannel.self
        ) { _, context, body in
            JSONReply(
                try await channels.setOwn(
                    context.parameters.get("channel") ?? "", address: body.address, by: try context.caller()))
        }
        api.add(.delete, "/api/v1/me/channels/{channel}", "删除我的通知渠道 / Remove one of the caller's channels", tag: tag) {
            _, context, _ in
            _ = try await channels.removeOwn(context.parameters.get("channel") ?? "", by: try context.caller())
            return Response(status: .noContent)
        }
        api.add(.put, "/api/v1/me/mutes/{kind}", "屏蔽某类通知 / Mute a kind on the caller's own channels", tag: tag) {
            _, context, _ in
            try await channels.mute(context.parameters.get("kind") ?? "", by: try context.caller())
            return Response(status: .noContent)
        }
        api.add(.delete, "/api/v1/me/mutes/{kind}", "取消屏蔽 / Unmute a kind", tag: tag) { _, context, _ in
            try await channels.unmute(context.parameters.get("kind") ?? "", by: try context.caller())
            return Response(status: .noContent)
        }
    }

    struct OwnChannels: Encodable, Sendable {
        let channels: [UserChannel]
        let muted: [String]
    }
}

extension EndpointDraft: APIInput { public init() { self.init(organizationID: nil) } }
