import Dangjian
import Foundation

/// 接口令牌: the caller's own API tokens, for integrations. A new token's secret is on the
/// answer to the form that made it and nowhere else: only its hash is stored, so the list
/// shows names and dates. Like `/api/v1/tokens`, every signed-in caller manages their own.
struct TokenPages {
    struct Content {
        let tokens: [Line]
        let empty: Bool
        /// Set only on the answer to a create: the secret, shown this once.
        let issued: Issued?
    }
    struct Line {
        let id: Int64
        let name: String
        let created: String
        let expires: String
        let lastUsed: String
    }
    struct Issued {
        let name: String
        let token: String
        let expires: String
    }

    func register(_ pages: ConsolePages) {
        pages.get("/users/tokens") { page in
            .page(title: "接口令牌", template: "users-tokens", content: try await Self.content(page, issued: nil))
        }
        pages.post("/users/tokens") { page, form in
            let token = try await page.host.users.createAPIToken(
                TokenDraft(name: form.text("name"), expiresInDays: try form.int("expiresInDays")), by: page.principal)
            // A page, not a redirect: the secret must not travel in a cookie or a URL.
            let issued = Issued(
                name: token.name, token: token.token, expires: token.expiresAt.map(ConsoleWords.time) ?? "长期有效")
            return .page(title: "接口令牌", template: "users-tokens", content: try await Self.content(page, issued: issued))
        }
        pages.post("/users/tokens/{id}/revoke") { page, _ in
            try await page.host.users.revokeToken(try page.id(), by: page.principal)
            return .redirect("/users/tokens", notice: "令牌已吊销，使用它的系统将无法再访问")
        }
    }

    /// Login sessions are tokens too, but they end at logout; the page lists integration tokens.
    static func content(_ page: ConsoleRequest, issued: Issued?) async throws -> Content {
        let tokens = try await page.host.users.tokens(by: page.principal).filter { $0.kind == "api" }.map {
            Line(
                id: $0.id, name: $0.name, created: ConsoleWords.time($0.createdAt),
                expires: $0.expiresAt.map(ConsoleWords.time) ?? "长期有效",
                lastUsed: $0.lastUsedAt.map(ConsoleWords.time) ?? "从未使用")
        }
        return Content(tokens: tokens, empty: tokens.isEmpty, issued: issued)
    }
}
