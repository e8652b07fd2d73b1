import Dangjian
import Foundation

/// `outbox-fill`: a district whose reminders wait in the outbox, made through the kernel's own
/// write paths, for the kill-loop soak (`bench/soak/outbox_kill.py`) to send with a real
/// `serve`. Under one committee, each branch has a few recipients (an email address and the
/// numbers its robots @-mention) and one or two robots on the peer's URLs, of every kind in
/// turn; a route on the committee sends reminders to the group and by email; then
/// `NotificationCenter.sendAll` stores the reminders, whose rows the planner writes as a sweep's
/// would. Each reminder's title carries a token (`[R0042]`) that names it in any message that
/// tells it, so the soak can count from the receivers' side which reminder arrived where.
public enum OutboxFill {
    /// What to make.
    public struct Plan: Sendable {
        /// Reminders to store: each makes one row per robot of its branch and one email.
        public var count: Int
        /// The robots' peer (`robots.py`), e.g. `http://127.0.0.1:8125`.
        public var robotsURL: String
        /// Branches; the reminders are shared among them in contiguous blocks, so one claim of
        /// rows feeds few robots and packs them into few messages.
        public var branches: Int = 20
        /// Recipients per branch.
        public var recipients: Int = 3
        /// Each signed robot's secret is this, a dash, and the robot's name (its path's last part).
        public var secretPrefix: String

        /// A plan for `count` reminders to robots at `robotsURL`.
        public init(count: Int, robotsURL: String, secretPrefix: String) {
            self.count = count
            self.robotsURL = robotsURL
            self.secretPrefix = secretPrefix
        }
    }

    /// The robot kinds in the order branches take them; a branch has one robot, every third one two.
    static let kinds = ["wecom", "dingtalk", "feishu", "webhook"]

    /// Makes the district and stores the reminders; stops the host when done. The figure's
    /// `count` is the reminders stored, `extra.rows` the deliverable outbox rows pending after it.
    /// The robots' paths are returned beside it, for the soak to give the peer their secrets.
    public static func run(host: DangjianHost, plan: Plan) async throws -> (BenchFigure, robots: [String]) {
        guard plan.count > 0, plan.branches > 0, plan.recipients > 0 else {
            throw BenchError(description: "--count、--branches、--recipients 须为正数 / must be positive")
        }
        let base = plan.robotsURL.hasSuffix("/") ? String(plan.robotsURL.dropLast()) : plan.robotsURL
        let ((recipients, robots), setup) = try await timed { try await district(host: host, plan: plan, base: base) }
        let drafts = (0..<plan.count).map { n in
            // Contiguous blocks: reminders 0…49 to branch 0, 50…99 to branch 1, and so on.
            let branch = n * plan.branches / plan.count
            let people = recipients[branch]
            return NotificationDraft(
                userID: people.users[n % people.users.count], kind: "reminder",
                title: "提醒\(token(n))：本月支委会尚未召开", body: "请于月底前召开支委会并录入会议记录。",
                organizationID: people.organizationID, link: "/organizations/\(people.organizationID)",
                idempotencyKey: "kill-loop:\(n)", ruleRef: "kill-loop@1")
        }
        let (stored, seconds) = try await timed { try await host.notifications.sendAll(drafts) }
        // Bench code names no table: the rows are the queue `/metrics` shows (nothing is sent yet).
        let rows = try await host.outbox.depth(now: host.store.clock.now()).pending
        await host.stop()
        let figure = BenchFigure(
            name: "outbox-fill", seconds: seconds, count: stored,
            extra: [
                "rows": Double(rows), "robots": Double(robots.count), "branches": Double(plan.branches),
                "setupSeconds": setup,
            ])
        return (figure, robots)
    }

    /// The token a reminder's title carries: fixed width in brackets, so no token holds another.
    public static func token(_ n: Int) -> String {
        "[R" + String(repeating: "0", count: max(0, 4 - String(n).count)) + "\(n)]"
    }

    /// The committee, its branches, their robots and recipients, and the route; returns each
    /// branch's organisation and users, and the robots' paths.
    private static func district(host: DangjianHost, plan: Plan, base: String) async throws
        -> ([(organizationID: Int64, users: [Int64])], [String])
    {
        let suffix = String(UUID().uuidString.prefix(6)).lowercased()
        let root = try await host.organizations.create(
            .init(parentID: nil, name: "压测区委 \(suffix)", kind: "committee", domain: nil), by: .system)
        _ = try await host.channels.setRoute("reminder", targets: ["group", "email"], on: root.id, by: .system)
        var branches: [(organizationID: Int64, users: [Int64])] = []
        var robots: [String] = []
        for b in 0..<plan.branches {
            let branch = try await host.organizations.create(
                .init(parentID: root.id, name: "第\(b + 1)支部", kind: "branch", domain: nil), by: .system)
            let kinds = b % 3 == 2 ? [kinds[b % 4], kinds[(b + 1) % 4]] : [kinds[b % 4]]
            for kind in kinds {
                let name = "kl-\(suffix)-\(kind)-\(b)"
                // WeCom's robot is not signed (its key is in the URL); the others are.
                let secret = kind == "wecom" ? nil : "\(plan.secretPrefix)-\(name)"
                _ = try await host.channels.add(
                    EndpointDraft(
                        organizationID: branch.id, kind: kind, name: "\(kind) \(b + 1)",
                        url: "\(base)/\(kind)/\(name)", secret: secret), by: .system)
                robots.append("/\(kind)/\(name)")
            }
            var users: [Int64] = []
            for r in 0..<plan.recipients {
                let username = "kl-\(suffix)-\(b)-\(r)"
                let user = try await host.users.create(
                    UserDraft(
                        username: username, displayName: "书记\(b)-\(r)", password: "kill-loop-\(suffix)",
                        grants: [GrantDraft(role: "secretary", organizationID: branch.id)]),
                    by: .system)
                let me = Principal(userID: user.id, username: username, memberID: nil, grants: [])
                let mobile = "139" + String(format: "%04d%04d", b, r)
                _ = try await host.channels.setOwn("email", address: "\(username)@kill-loop.example.cn", by: me)
                _ = try await host.channels.setOwn("wecom", address: mobile, by: me)
                _ = try await host.channels.setOwn("dingtalk", address: mobile, by: me)
                _ = try await host.channels.setOwn("feishu", address: "ou_kl_\(b)_\(r)", by: me)
                users.append(user.id)
            }
            branches.append((branch.id, users))
        }
        return (branches, robots)
    }
}
