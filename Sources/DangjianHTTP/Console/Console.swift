import Dangjian
import DangjianLua
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOFoundationCompat

/// The web console (党建工作台), served by the host at `/`: server-rendered pages in Chinese,
/// read through the same scoped registries as the API. Built once with the router; every page
/// gets the same frame (navigation, the message bell, the CSRF token), the same security
/// headers, and the same error pages.
public final class Console: @unchecked Sendable {
    // Mutated only while the application is being built, before it serves a request.
    let router: Router<DangjianRequestContext>
    let host: DangjianHost
    let templates: ConsoleTemplates
    let throttle: LoginThrottle
    /// The running rules, for the rules pages; nil when the host runs without a baseline pack.
    let rules: RuleRuntime?
    /// The demo logins' password, shown on the login page only when `serve` loaded the demo.
    let demoPassword: String?
    private(set) var navigation: [ConsoleNavigation] = []
    private(set) var panelSources: [any ConsolePlugin] = []
    /// Every route the console added, "GET /members/{id}".
    private(set) var routes: Set<String> = []

    /// Records a route the console adds outside `add` (login, static files).
    func noteRoute(_ method: HTTPRequest.Method, _ path: String) { routes.insert("\(method.rawValue) \(path)") }

    init(
        router: Router<DangjianRequestContext>, host: DangjianHost, templates: ConsoleTemplates,
        throttle: LoginThrottle, rules: RuleRuntime?, demoPassword: String?
    ) {
        self.rules = rules
        self.router = router
        self.host = host
        self.templates = templates
        self.throttle = throttle
        self.demoPassword = demoPassword
    }

    /// Whether the cookie is sent over TLS only (`console.secureCookies`).
    var secureCookies: Bool { host.configuration.consoleSecureCookies }

    /// Adds a navigation entry (the kernel's first, then each plugin's).
    func addNavigation(_ entries: [ConsoleNavigation]) { navigation += entries }

    /// Adds a plugin whose panels the home page shows.
    func addPanels(from plugin: any ConsolePlugin) { panelSources.append(plugin) }

    /// Registers a page behind the login: without a session a GET goes to the login page and
    /// a POST is refused; a POST's form must carry the session's CSRF token.
    func add(
        _ method: HTTPRequest.Method, _ path: String,
        _ handler: @escaping @Sendable (ConsoleRequest, ConsoleForm?) async throws -> ConsoleAnswer
    ) {
        let maxBytes = host.configuration.maxBodyBytes
        noteRoute(method, path)
        router.on(RouterPath(path), method: method) { [self] request, context -> Response in
            do {
                return ConsoleHeaders.secure(try await serve(method, request, context, maxBytes: maxBytes, handler))
            } catch {
                return ConsoleHeaders.secure(errorPage(error, request: request))
            }
        }
    }

    private func serve(
        _ method: HTTPRequest.Method, _ request: Request, _ context: DangjianRequestContext, maxBytes: Int,
        _ handler: @Sendable (ConsoleRequest, ConsoleForm?) async throws -> ConsoleAnswer
    ) async throws -> Response {
        guard let principal = context.principal, let token = context.token else {
            if method == .get {
                return Self.redirect("/login?next=" + Self.encoded(request.uri.description))
            }
            throw DangjianError.unauthorized
        }
        let page = ConsoleRequest(request: request, principal: principal, host: host, context: context)
        let csrf = ConsoleSession.csrfToken(forSession: token)
        var form: ConsoleForm?
        if method == .post {
            let read = try await ConsoleForm.read(request, context: context, maxBytes: maxBytes)
            guard let sent = read.text("_csrf"), ConsoleSession.same(sent, csrf) else {
                throw DangjianError(
                    .forbidden, code: HTTPErrorCode.consoleBadCSRF, zh: "表单已失效，请返回、刷新页面后再提交",
                    en: "The form has expired; go back, reload the page and submit again")
            }
            form = read
        }
        return try await respond(try await handler(page, form), to: page, csrf: csrf)
    }

    /// Turns a handler's answer into the response, framing pages.
    func respond(_ answer: ConsoleAnswer, to page: ConsoleRequest, csrf: String) async throws -> Response {
        switch answer {
        case .page(let title, let template, let content):
            let body = try templates.render(template, PageScope(csrf: csrf, page: content))
            let frame = try await ConsoleFrame.make(
                title: title, body: body, for: page, csrf: csrf, console: self)
            return Self.html(try templates.render("layout", frame))
        case .print(let title, let template, let content):
            let body = try templates.render(template, PageScope(csrf: csrf, page: content))
            return Self.html(try templates.render("print", PrintFrame(title: title, body: body)))
        case .fragment(let template, let content):
            return Self.html(try templates.render(template, content))
        case .redirect(let path, let notice):
            var response = Self.redirect(path)
            if let notice {
                response.headers[values: .setCookie].append(
                    ConsoleSession.setCookie(
                        ConsoleFrame.noticeCookie, Self.encoded(notice), maxAge: 60, secure: secureCookies))
            }
            return response
        case .csv(let filename, let text):
            var response = Response(
                status: .ok, headers: [.contentType: "text/csv; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: "\u{FEFF}" + text)))
            response.headers[.contentDisposition] =
                "attachment; filename=\"export.csv\"; filename*=UTF-8''\(Self.encoded(filename))"
            return response
        case .json(let value):
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(data: try encoder.encode(value))))
        }
    }

    /// A 200 HTML answer.
    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// A 303 See Other, so a form's POST is followed by a GET.
    static func redirect(_ path: String) -> Response {
        // Only a path on this host: an absolute or protocol-relative URL would be an open redirect.
        let target = path.hasPrefix("/") && !path.hasPrefix("//") && !path.hasPrefix("/\\") ? path : "/"
        return Response(status: .seeOther, headers: [.location: target])
    }

    /// Percent-encodes a query value or a cookie value.
    static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-._~/"))) ?? ""
    }
}

/// What a page's template is rendered with: its content as `page` (the template opens it with
/// `{{#page}}`), and the session's CSRF token, which the `csrf` partial puts in every form.
struct PageScope {
    let csrf: String
    let page: any Sendable
}

/// The print frame's fields: the page's own title and its rendered body.
struct PrintFrame {
    let title: String
    let body: String
}
