import Dangjian
import Hummingbird

/// Resolves `Authorization: Bearer dj_…`, or outside `/api/` the console's session cookie, to the caller. A missing header leaves the request
/// anonymous (handlers that need a caller answer 401); a header with a bad token is a 401 at once.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = DangjianRequestContext
    let users: UserRegistry

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard let header = request.headers[.authorization] else {
            // The console's cookie, honoured only outside the API (ConsoleSession); an expired
            // one leaves the request anonymous, and the console sends it to the login page.
            guard !request.uri.path.hasPrefix("/api/"),
                let token = ConsoleSession.cookie(ConsoleSession.cookie, in: request),
                let principal = try await users.principal(forToken: token)
            else { return try await next(request, context) }
            var context = context
            context.principal = principal
            context.token = token
            return try await next(request, context)
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer",
            let principal = try await users.principal(forToken: String(parts[1]))
        else {
            throw DangjianError(
                .unauthorized, code: HTTPErrorCode.authBadToken, zh: "令牌无效或已过期，请重新登录",
                en: "The token is invalid or expired; log in again")
        }
        var context = context
        context.principal = principal
        context.token = String(parts[1])
        return try await next(request, context)
    }
}
