import Dangjian

/// 我的账号: the caller's password. A change ends the account's other sessions at once.
struct AccountPages {

    struct Content {
        let username: String
        let displayName: String
        let roles: [String]
    }

    func register(_ pages: ConsolePages) {
        pages.get("/account") { page in
            let me = try await page.host.users.me(page.principal)
            let names = try await page.host.store.read { [ids = me.grants.map(\.organizationID)] s in
                try OrganizationRegistry.names(of: ids, in: s)
            }
            let roles = me.grants.map {
                "\(names[$0.organizationID] ?? "")：\(Self.roleNames[$0.role] ?? $0.role.rawValue)"
            }
            return .page(
                title: "我的账号", template: "account",
                content: Content(username: me.username, displayName: me.displayName, roles: roles))
        }
        pages.post("/account/password") { page, form in
            guard form.text("newPassword") == form.text("confirmPassword") else {
                throw DangjianError.badValue("confirmPassword", zh: "两次输入的新密码不一致", en: "the new passwords differ")
            }
            let ended = try await page.host.users.changePassword(
                PasswordChange(
                    currentPassword: form.fields["currentPassword"]?.first,
                    newPassword: form.fields["newPassword"]?.first),
                keeping: page.token, by: page.principal)
            return .redirect("/account", notice: "密码已修改" + (ended > 0 ? "，其他 \(ended) 处登录已退出" : ""))
        }
    }

    static let roleNames: [Role: String] = [
        .districtAdmin: "区党委管理员", .secretary: "书记", .member: "党员", .auditor: "督查",
    ]
}
