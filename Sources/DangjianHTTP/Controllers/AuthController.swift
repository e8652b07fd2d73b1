import Dangjian
import Hummingbird

/// Login, logout, the caller's account, and users and tokens.
struct AuthController {
    let host: DangjianHost
    /// Slows repeated failed logins, shared with the console's login form.
    let throttle: LoginThrottle

    func register(_ api: APIRouter) {
        api.answering(
            KernelErrorCode.codes(in: ["auth", "user", "token"]) + HTTPErrorCode.codes(in: ["auth", "user", "token"]))
        let users = host.users
        let throttle = self.throttle
        api.add(
            .post, "/api/v1/auth/login", "登录，返回令牌 / Log in and get a bearer token", tag: "auth",
            body: Credentials.self, auth: false
        ) { _, _, credentials in
            JSONReply(try await throttle.login(credentials, users: users), status: .created)
        }
        api.add(.post, "/api/v1/auth/logout", "退出登录，吊销当前令牌 / Log out, revoking the current token", tag: "auth") {
            _, context, _ in
            _ = try context.caller()
            if let token = context.token { try await users.revoke(token: token) }
            return Response(status: .noContent)
        }
        api.add(.get, "/api/v1/users/me", "当前用户 / The caller's account", tag: "users") { _, context, _ in
            JSONReply(try await users.me(try context.caller()))
        }
        api.add(
            .get, "/api/v1/users", "本辖区用户 / Users with grants in the caller's subtree", tag: "users",
            query: QueryParameter.paging
        ) { _, context, query in
            JSONReply(page: try await users.list(page: try query.page(), by: try context.caller()))
        }
        api.add(.post, "/api/v1/users", "新建用户 / Create a user with role grants", tag: "users", body: UserDraft.self) {
            _, context, draft in
            JSONReply(try await users.create(draft, by: try context.caller()), status: .created)
        }
        api.add(.get, "/api/v1/tokens", "我的令牌 / The caller's tokens", tag: "users") { _, context, _ in
            JSONReply(try await users.tokens(by: try context.caller()))
        }
        api.add(
            .post, "/api/v1/tokens", "新建接口令牌 / Create an API token for integrations", tag: "users",
            body: TokenDraft.self
        ) { _, context, draft in
            JSONReply(try await users.createAPIToken(draft, by: try context.caller()), status: .created)
        }
        api.add(.delete, "/api/v1/tokens/{id}", "吊销令牌 / Revoke a token", tag: "users") { _, context, _ in
            try await users.revokeToken(try context.id(), by: try context.caller())
            return Response(status: .noContent)
        }
    }
}
