import Dangjian
import Foundation

/// 用户, for those who manage users: the accounts with a grant in the caller's subtree, each
/// with its roles over subtrees, and a form that creates an account with one grant. A password
/// is only ever typed in; no page shows one.
struct UserPages {
    struct Listing {
        let rows: [Row]
        let next: String?
        let empty: Bool
    }
    struct Row {
        let username: String
        let displayName: String
        let grants: [String]
        let disabled: Bool
        let created: String
    }
    struct NewUser {
        let roles: [MemberPages.Choice]
        let organizationID: String
    }

    func register(_ pages: ConsolePages) {
        pages.get("/users") { page in
            try Self.requireManager(page.principal)
            let found = try await page.host.users.list(
                page: try PageRequest(limit: 50, cursor: page.query("cursor")), by: page.principal)
            let ids = found.items.flatMap { $0.grants.map(\.organizationID) }
            let names = try await page.host.store.read { s in try OrganizationRegistry.names(of: ids, in: s) }
            let rows = found.items.map { user in
                Row(
                    username: user.username, displayName: user.displayName,
                    grants: user.grants.map { Self.grant($0, names: names) }, disabled: user.disabled,
                    created: ConsoleWords.date(Day(user.createdAt)))
            }
            return .page(
                title: "用户", template: "users",
                content: Listing(
                    rows: rows, next: found.nextCursor.map { "/users?cursor=\(Console.encoded($0))" },
                    empty: rows.isEmpty))
        }
        pages.get("/users/new") { page in
            try Self.requireManager(page.principal)
            let first = page.principal.grants.first { $0.role.rights.contains(.manageUsers) }
            return .page(
                title: "新建用户", template: "users-new",
                content: NewUser(
                    roles: Role.allCases.map {
                        MemberPages.Choice(
                            value: $0.rawValue, label: AccountPages.roleNames[$0] ?? $0.rawValue,
                            selected: $0 == .secretary)
                    }, organizationID: first.map { String($0.organizationID) } ?? ""))
        }
        pages.post("/users") { page, form in
            let user = try await page.host.users.create(
                UserDraft(
                    username: form.text("username"), displayName: form.text("displayName"),
                    // Untrimmed: a space is part of a password.
                    password: form.fields["password"]?.first,
                    grants: [GrantDraft(role: form.text("role"), organizationID: try form.id("organizationID"))]),
                by: page.principal)
            return .redirect("/users", notice: "已创建用户 \(user.username)（\(user.displayName)），请将初始密码当面告知本人")
        }
    }

    /// "城区第一支部：书记".
    static func grant(_ grant: User.GrantView, names: [Int64: String]) -> String {
        "\(names[grant.organizationID] ?? "党组织 \(grant.organizationID)")：\(AccountPages.roleNames[grant.role] ?? grant.role.rawValue)"
    }

    /// The list would be empty for a caller who manages no one, so say no, as the navigation does.
    static func requireManager(_ principal: Principal) throws {
        guard !principal.scope(for: .manageUsers).isEmpty else { throw DangjianError.forbidden(.manageUsers) }
    }
}
