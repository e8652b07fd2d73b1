import Dangjian
import DangjianLua
import Hummingbird
import Logging
import NIOCore
import Prometheus
import ServiceLifecycle

/// Builds the router with every core and plugin route, for `buildApplication(configuration:…)`;
/// tests read the documented routes from it (the hidden-id probe).
public func buildRouter(
    host: DangjianHost, metrics: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
    rules: RuleRuntime? = nil, activity: RequestActivity = RequestActivity(), demoPassword: String? = nil
) throws -> APIRouter {
    let router = Router(context: DangjianRequestContext.self)
    let api = APIRouter(
        router: router, maxBodyBytes: host.configuration.maxBodyBytes,
        strictErrorCodes: host.configuration.strictErrorCodes, logger: host.logger)
    router.addMiddleware {
        RequestActivity.Middleware(activity: activity)
        // Outside the error middleware, so it counts the status the client gets, not the 500
        // that any error not yet turned into an answer would count as.
        MetricsMiddleware()
        ErrorMiddleware(logger: host.logger, allowedMethods: { api.allowedMethods(at: $0) })
        AuthMiddleware(users: host.users)
    }
    SystemController(host: host, metrics: metrics, activity: activity).register(api)
    let throttle = LoginThrottle(clock: host.store.clock)
    AuthController(host: host, throttle: throttle).register(api)
    OrganizationController(host: host).register(api)
    MemberController(host: host).register(api)
    TaskController(host: host).register(api)
    NotificationController(host: host).register(api)
    DeliveryController(host: host).register(api)
    AdminController(host: host).register(api)
    RulesController(host: host, rules: rules).register(api)
    for plugin in host.plugins.ordered {
        guard let routed = plugin as? any RoutedPlugin else { continue }
        // A plugin's routes answer its own catalogue and the kernel's refusals it passes on.
        api.answering(routed.errorCodes + KernelErrorCode.codes(in: PluginRoutes.kernelAreas))
        routed.registerRoutes(PluginRoutes(api: api, pluginID: plugin.id), host: host)
    }
    // The console's pages sit beside the API on the same router, behind the same auth middleware.
    let console = try Console.build(
        router: router, host: host, rules: rules, throttle: throttle, demoPassword: demoPassword)
    api.consoleRoutes = console.routes
    return api
}

/// The server around an open host, for `buildApplication(configuration:…)`, the one way the
/// application is built.
func assembleApplication(
    host: DangjianHost,
    metrics: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
    rules: RuleRuntime? = nil,
    services: [any Service] = [],
    demoPassword: String? = nil,
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) throws -> some ApplicationProtocol {
    let activity = RequestActivity()
    let api = try buildRouter(
        host: host, metrics: metrics, rules: rules, activity: activity, demoPassword: demoPassword)
    let configuration = host.configuration
    let application = Application(
        router: api.router,
        configuration: .init(
            address: .hostname(configuration.httpHost, port: configuration.httpPort), serverName: "dangjian"),
        services: services,
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.httpPort) },
        logger: host.logger
    )
    return DrainingApplication(inner: application, activity: activity)
}
