import Dangjian
import Foundation
import HTTPTypes
import Hummingbird

/// What a console page's handler is given: the signed-in caller, the host, the query and the
/// path's parameters. A page is always behind a login; the login page itself is the kernel's.
public struct ConsoleRequest: Sendable {
    /// The raw request.
    public let request: Request
    /// The caller, from the session cookie.
    public let principal: Principal
    /// The host whose registries the page reads through.
    public let host: DangjianHost
    /// The request's context (path parameters).
    let context: DangjianRequestContext

    /// A path parameter as an id; a malformed one is a 404, as an unknown one is.
    public func id(_ name: String = "id") throws -> Int64 {
        guard let text = context.parameters.get(name), let id = Int64(text), id > 0 else {
            throw DangjianError(
                .notFound, code: KernelErrorCode.routeNotFound, zh: "页面不存在", en: "No such page")
        }
        return id
    }

    /// A path parameter as text.
    public func parameter(_ name: String) -> String? { context.parameters.get(name) }

    /// A query parameter, trimmed; nil when absent or blank.
    public func query(_ name: String) -> String? {
        guard
            let value = request.uri.queryParameters[name[...]].map({ String($0) })?.trimmingCharacters(
                in: .whitespaces),
            !value.isEmpty
        else { return nil }
        return value
    }

    /// Every value of a repeated query parameter.
    public func queries(_ name: String) -> [String] {
        request.uri.queryParameters.getAll(name).map { String($0) }.filter { !$0.isEmpty }
    }

    /// The session's own token, so that a password change keeps this session.
    var token: String? { context.token }

    /// Today on the host's clock.
    public var today: Day { host.store.clock.today() }
}

/// What a page answers: a page in the console's frame, a redirect after a form, or a download.
public enum ConsoleAnswer: Sendable {
    /// A page: the template renders `content`, and the frame wraps it.
    case page(title: String, template: String, content: any Sendable)
    /// A page meant for printing: the template renders `content` with only the print frame.
    case print(title: String, template: String, content: any Sendable)
    /// 303 to `path` (after a form), with a message shown once at the top of the next page.
    case redirect(String, notice: String? = nil)
    /// A CSV download, with a UTF-8 BOM so that Excel reads the Chinese.
    case csv(filename: String, text: String)
    /// A piece of a page, without the frame, for the page's own script (a home panel loaded later).
    case fragment(template: String, content: any Sendable)
    /// JSON for the page's own script (the organisation tree's children).
    case json(any Encodable & Sendable)
}

/// The page surface handed to the kernel's pages and to a plugin: GET pages and POST forms.
/// Every POST is checked for the session's CSRF token before its handler runs.
public struct ConsolePages: Sendable {
    let console: Console
    /// "/<plugin id>" for a plugin's pages, "" for the kernel's.
    public let prefix: String

    /// Adds a page.
    public func get(
        _ path: String, _ handler: @escaping @Sendable (ConsoleRequest) async throws -> ConsoleAnswer
    ) {
        console.add(.get, prefix + path) { request, _ in try await handler(request) }
    }

    /// Adds a form's target; the handler gets the form, already checked for its CSRF token.
    public func post(
        _ path: String, _ handler: @escaping @Sendable (ConsoleRequest, ConsoleForm) async throws -> ConsoleAnswer
    ) {
        console.add(.post, prefix + path) { request, form in
            try await handler(request, form ?? ConsoleForm(encoded: ""))
        }
    }
}
