/// A campaign module compiled into the host. The lifecycle follows Caddy's modules: the host
/// orders plugins by dependency, migrates their tables, calls `register` (provision), then
/// `validate`, then `start`; `stop` runs at shutdown in reverse order.
public protocol HostPlugin: Sendable {
    /// A short stable id, e.g. "orglife". Lua functions appear under `dj.<id>`.
    var id: String { get }
    /// The campaign's name as secretaries know it, e.g. "三会一课台账".
    var title: String { get }
    /// Ids of plugins that must be on and registered before this one.
    var dependencies: [String] { get }
    /// This plugin's schema steps, with `module` set to the plugin id.
    var migrations: [Migration] { get }

    /// Adds event handlers, scheduled jobs, and task and notification kinds.
    func register(into context: PluginContext) throws
    /// Checks that what was registered fits together before anything starts.
    func validate(_ host: DangjianHost) async throws
    func start(_ host: DangjianHost) async throws
    func stop() async
    /// Checks the plugin's own `plugins.settings` (keys without the "ID." prefix) and returns
    /// one problem per wrong key or value, in both languages. Called by `dangjian config
    /// check` and before the host opens, so a typo stops the host instead of being ignored.
    func checkSettings(_ settings: [String: String]) -> [String]
}

extension HostPlugin {
    public var dependencies: [String] { [] }
    public var migrations: [Migration] { [] }
    public func validate(_ host: DangjianHost) async throws {}
    public func start(_ host: DangjianHost) async throws {}
    public func stop() async {}
    /// A plugin that takes no settings finds every one unknown.
    public func checkSettings(_ settings: [String: String]) -> [String] {
        settings.keys.sorted().map { PluginSet.unknownSetting(id, $0) }
    }
}

/// What a plugin may add during `register`. Everything it adds is tagged with its id.
public struct PluginContext: Sendable {
    public let pluginID: String
    public let host: DangjianHost

    public func on(_ eventName: String, _ handler: @escaping EventBus.Handler) {
        host.events.subscribe(eventName, subscriber: pluginID, handler)
    }

    public func schedule(_ job: ScheduledJob) throws {
        guard job.id.hasPrefix(pluginID + ".") else {
            throw PluginError.badJobID(plugin: pluginID, job: job.id)
        }
        try host.scheduler.add(job)
    }

    public func taskKind(_ id: String, title: String) {
        host.kinds.registerTaskKind(id, title: title, owner: pluginID)
    }

    public func notificationKind(_ id: String, title: String) {
        host.kinds.registerNotificationKind(id, title: title, owner: pluginID)
    }
}

/// Why the plugin set cannot start. The messages are for operators, in both languages.
public struct PluginError: Error, CustomStringConvertible, Sendable, Equatable {
    public let description: String

    static func unknown(_ id: String) -> PluginError {
        PluginError(description: "配置中的插件 \(id) 不存在 / plugin \(id) named in the configuration is not compiled in")
    }

    public static func missingDependency(plugin: String, dependency: String) -> PluginError {
        PluginError(
            description:
                "插件 \(plugin) 依赖 \(dependency)，但后者不存在或未启用 / plugin \(plugin) needs \(dependency), which is missing or switched off"
        )
    }

    public static func cycle(_ ids: [String]) -> PluginError {
        PluginError(
            description:
                "插件之间存在循环依赖：\(ids.joined(separator: " → ")) / plugins depend on each other in a cycle: \(ids.joined(separator: " -> "))"
        )
    }

    public static func duplicate(_ id: String) -> PluginError {
        PluginError(description: "插件 id 重复：\(id) / two plugins share the id \(id)")
    }

    static func badJobID(plugin: String, job: String) -> PluginError {
        PluginError(
            description:
                "插件 \(plugin) 的定时任务 id 须以 \(plugin). 开头：\(job) / job ids of plugin \(plugin) must start with \(plugin).: \(job)"
        )
    }

    static func badMigration(plugin: String, module: String) -> PluginError {
        PluginError(
            description:
                "插件 \(plugin) 的迁移须以插件 id 为模块名，而不是 \(module) / migrations of plugin \(plugin) must use its id as module, not \(module)"
        )
    }
}
