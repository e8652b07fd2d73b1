import Dangjian

/// Where the demo's reminders go besides the inbox, when `make run` starts local stand-ins for
/// the channels (`scripts/demo/run.sh`): a WeCom robot for the demo secretary's branch, a signed
/// DingTalk robot for the school above it, and the secretary's mailbox and @-mention number. The
/// first sweep after the demo loads sends their reminders there.
public struct DemoDelivery: Sendable {
    /// The robots' stand-in, e.g. `http://127.0.0.1:8081` (Tests/DangjianDeliveryTests/Peers/robots.py).
    public let robotsURL: String
    /// The DingTalk robot's signing secret, as the stand-in was told it (`--secret demo-school=…`).
    public let dingTalkSecret: String

    /// The demo secretary's address and @-mention number: a domain and a number no one uses.
    public static let secretaryEmail = "demo-secretary@demo.dangjian.invalid"
    public static let secretaryMobile = "10000000001"

    /// Channels for a demo whose robots' stand-in listens at `robotsURL`.
    public init(robotsURL: String, dingTalkSecret: String) {
        self.robotsURL = robotsURL.hasSuffix("/") ? String(robotsURL.dropLast()) : robotsURL
        self.dingTalkSecret = dingTalkSecret
    }

    func seed(_ host: DangjianHost, root: Organization, branch: Organization, secretary: User) async throws {
        let system = Principal.system
        _ = try await host.channels.add(
            EndpointDraft(
                organizationID: branch.id, kind: "wecom", name: "\(branch.name)企业微信群",
                url: "\(robotsURL)/wecom/demo-branch"), by: system)
        if let parent = branch.parentID {
            _ = try await host.channels.add(
                EndpointDraft(
                    organizationID: parent, kind: "dingtalk", name: "学校党组织钉钉群",
                    url: "\(robotsURL)/dingtalk/demo-school", secret: dingTalkSecret), by: system)
        }
        let me = Principal(userID: secretary.id, username: secretary.username, memberID: nil, grants: [])
        _ = try await host.channels.setOwn("email", address: Self.secretaryEmail, by: me)
        _ = try await host.channels.setOwn("wecom", address: Self.secretaryMobile, by: me)
        _ = try await host.channels.setOwn("dingtalk", address: Self.secretaryMobile, by: me)
        // The demo district sends its reminders to the branch's group and by email; escalations go
        // to the group above as well.
        _ = try await host.channels.setRoute("reminder", targets: ["group", "email"], on: root.id, by: system)
        _ = try await host.channels.setRoute("escalation", targets: ["group", "parentGroup"], on: root.id, by: system)
    }
}
