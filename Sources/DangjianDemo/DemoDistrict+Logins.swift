import Dangjian

extension DemoDistrict {
    /// The demo's two logins and their welcome notices: a district admin over the root and the
    /// secretary of one branch. The synthetic district makes the same ones, so whoever knows the
    /// demo (or a benchmark harness) logs in to either the same way.
    @discardableResult
    static func createLogins(
        _ host: DangjianHost, root: Organization, adminName: String, secretaryBranch: Organization,
        secretaryMemberID: Int64?, welcome: String
    ) async throws -> (admin: User, secretary: User) {
        let system = Principal.system
        let admin = try await host.users.create(
            UserDraft(
                username: adminUsername, displayName: adminName, password: password,
                grants: [GrantDraft(role: Role.districtAdmin.rawValue, organizationID: root.id)]), demo: true,
            by: system)
        let secretary = try await host.users.create(
            UserDraft(
                username: secretaryUsername, displayName: "\(secretaryBranch.name)书记", password: password,
                memberID: secretaryMemberID,
                grants: [GrantDraft(role: Role.secretary.rawValue, organizationID: secretaryBranch.id)]), demo: true,
            by: system)
        for user in [admin, secretary] {
            try await host.notifications.send(
                NotificationDraft(
                    userID: user.id, kind: "general", title: "欢迎使用党建工作平台", body: welcome,
                    idempotencyKey: "demo:welcome:\(user.id)"))
        }
        return (admin, secretary)
    }
}
