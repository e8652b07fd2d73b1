import Dangjian
import HTTPTypes
import Hummingbird

/// A plugin that serves HTTP routes. Its routes live under `/api/v1/<plugin id>/…` and are
/// documented in the OpenAPI document like the core's.
public protocol RoutedPlugin: HostPlugin {
    /// Adds the plugin's routes while the application is built, once the host is open; `routes`
    /// prefixes each path with `/api/v1/<plugin id>` and documents it in the OpenAPI document.
    func registerRoutes(_ routes: PluginRoutes, host: DangjianHost)
    /// The plugin's error catalogue (`MyPluginErrorCode.codes`), listed for each of its routes.
    var errorCodes: [String] { get }
}

/// The route surface handed to a plugin: paths are relative to the plugin's prefix.
public struct PluginRoutes: Sendable {
    let api: APIRouter
    /// The plugin the routes belong to.
    public let pluginID: String

    /// "/api/v1/<pluginID>", the path every route of the plugin is under.
    public var prefix: String { "/api/v1/\(pluginID)" }

    /// The kernel's refusals a plugin's route may pass on from the registries it calls.
    static let kernelAreas: Set<String> = [
        "auth", "organization", "member", "task", "user", "notification", "transfer",
    ]

    /// Adds a route under the plugin's prefix whose handler gets the checked query.
    public func add<R: ResponseGenerator>(
        _ method: HTTPRequest.Method, _ path: String, _ summary: String, query: [QueryParameter] = [],
        handler: @escaping @Sendable (Request, DangjianRequestContext, QueryReader) async throws -> R
    ) {
        api.add(method, prefix + path, summary, tag: pluginID, query: query, handler: handler)
    }

    /// Adds a route under the plugin's prefix whose handler gets the body, decoded strictly as `Input`.
    public func add<Input: APIInput, R: ResponseGenerator>(
        _ method: HTTPRequest.Method, _ path: String, _ summary: String, body: Input.Type,
        handler: @escaping @Sendable (Request, DangjianRequestContext, Input) async throws -> R
    ) {
        api.add(method, prefix + path, summary, tag: pluginID, body: body, handler: handler)
    }
}

extension RoutedPlugin {
    /// A plugin that refuses only with the kernel's codes.
    public var errorCodes: [String] { [] }
}
