import Dangjian
import Foundation
import HTTPTypes
import Hummingbird

/// 登录 and 退出. The login form carries its own CSRF token in a cookie of its own (there is no
/// session yet); a login sets the session cookie, and logout revokes the session's token on
/// the server before it clears the cookie, so a copied cookie stops working too.
struct LoginPages {
    let console: Console

    struct Form {
        let csrf: String
        let next: String
        let username: String
        let error: String?
        let demo: [Demo]
        let demoPassword: String?
        let hasDemo: Bool
    }
    struct Demo {
        let username: String
        let displayName: String
    }

    func register() {
        let console = self.console
        console.noteRoute(.get, "/login")
        console.noteRoute(.post, "/login")
        console.noteRoute(.post, "/logout")
        console.router.get("/login") { request, context in
            if context.principal != nil { return Console.redirect("/") }
            return ConsoleHeaders.secure(try await self.form(request, username: "", error: nil, status: .ok))
        }
        console.router.post("/login") { request, context in
            let form = try await ConsoleForm.read(request, context: context, maxBytes: 16 << 10)
            let username = form.text("username") ?? ""
            guard let sent = form.text("_csrf"),
                let expected = ConsoleSession.cookie(ConsoleSession.loginCookie, in: request),
                ConsoleSession.same(sent, expected)
            else {
                return ConsoleHeaders.secure(
                    try await self.form(request, username: username, error: "登录页面已过期，请重新输入", status: .forbidden))
            }
            do {
                let issued = try await console.throttle.login(
                    Credentials(username: username, password: form.fields["password"]?.first), users: console.host.users
                )
                var response = Console.redirect(Self.safeNext(form.text("next")))
                let maxAge = console.host.configuration.sessionHours * 3600
                response.headers[values: .setCookie].append(
                    ConsoleSession.setCookie(
                        ConsoleSession.cookie, issued.token, maxAge: maxAge, secure: console.secureCookies))
                response.headers[values: .setCookie].append(
                    ConsoleSession.setCookie(ConsoleSession.loginCookie, "", maxAge: 0, secure: console.secureCookies))
                return ConsoleHeaders.secure(response)
            } catch let error as DangjianError {
                let status: HTTPResponse.Status = error.kind == .tooManyRequests ? .tooManyRequests : .unauthorized
                let message = error.kind == .tooManyRequests || error.kind == .unauthorized ? error.zh : "请输入用户名和密码"
                return ConsoleHeaders.secure(
                    try await self.form(request, username: username, error: message, status: status))
            }
        }
        console.router.post("/logout") { request, context in
            let form = try await ConsoleForm.read(request, context: context, maxBytes: 16 << 10)
            if let token = context.token, let sent = form.text("_csrf"),
                ConsoleSession.same(sent, ConsoleSession.csrfToken(forSession: token))
            {
                try await console.host.users.revoke(token: token)
            }
            var response = Console.redirect("/login")
            response.headers[values: .setCookie].append(
                ConsoleSession.setCookie(ConsoleSession.cookie, "", maxAge: 0, secure: console.secureCookies))
            return ConsoleHeaders.secure(response)
        }
    }

    /// The login form, with a fresh CSRF cookie; in demo mode it lists the demo logins.
    private func form(_ request: Request, username: String, error: String?, status: HTTPResponse.Status) async throws
        -> Response
    {
        let token = ConsoleSession.randomToken()
        let demo =
            console.demoPassword == nil
            ? []
            : try await console.host.users.demoAccounts().map {
                Demo(username: $0.username, displayName: $0.displayName)
            }
        let page = Form(
            csrf: token, next: Self.safeNext(request.uri.queryParameters["next"].map(String.init)), username: username,
            error: error, demo: demo, demoPassword: console.demoPassword, hasDemo: !demo.isEmpty)
        var response = Console.html(try console.templates.render("login", page), status: status)
        response.headers[values: .setCookie].append(
            ConsoleSession.setCookie(ConsoleSession.loginCookie, token, maxAge: 3600, secure: console.secureCookies))
        return response
    }

    /// Where to go after login: a path on this host only, never another site.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\"), !next.hasPrefix("/login")
        else { return "/" }
        return next
    }
}
