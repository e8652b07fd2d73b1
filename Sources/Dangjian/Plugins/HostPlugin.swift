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
    /// Starts what the plugin runs outside handlers and jobs, once the host is open and migrated;
    /// plugins start in dependency order, and a throw stops the host from serving.
    func start(_ host: DangjianHost) async throws
    /// Releases what `start` began; runs at shutdown in reverse start order, after the queued
    /// events are delivered and before the database closes.
    func stop() async
    /// Checks the plugin's own `plugins.settings` (keys without the "ID." prefix) and returns
    /// one problem per wrong key or value, in both languages. Called by `dangjian config
    /// check` and before the host opens, so a typo stops the host instead of being ignored.
    func checkSettings(_ settings: [String: String]) -> [String]
}

extension HostPlugin {
    /// No dependencies: the plugin builds on the kernel alone.
    public var dependencies: [String] { [] }
    /// No tables of its own: a plugin that only reads the kernel or adds rules needs none.
    public var migrations: [Migration] { [] }
    /// Nothing to check: most plugins register nothing that can clash.
    public func validate(_ host: DangjianHost) async throws {}
    /// Nothing to start: a plugin's work runs in its event handlers, jobs and routes.
    public func start(_ host: DangjianHost) async throws {}
    /// Nothing to release.
    public func stop() async {}
    /// A plugin that takes no settings finds every one unknown.
    public func checkSettings(_ settings: [String: String]) -> [String] {
        settings.keys.sorted().map { PluginSet.unknownSetting(id, $0) }
    }
}

/// What a plugin may add during `register`. Everything it adds is tagged with its id.
public struct PluginContext: Sendable {
    /// The id of the plugin registering; every handler, job and kind it adds is tagged with it.
    public let pluginID: String
    /// The host the plugin registers into, already migrated; its registries are ready to read and
    /// write, but the scheduler and the HTTP server have not started yet.
    public let host: DangjianHost

    /// Subscribes the plugin to an event by name ("*" for every event), as an untyped envelope.
    /// The handler runs after the writer's commit, off the request's path; what it throws is
    /// logged and counted and never undoes the write. Prefer `on(_:_:)` with the event's type.
    public func on(_ eventName: String, _ handler: @escaping EventBus.Handler) {
        host.events.subscribe(eventName, subscriber: pluginID, handler)
    }

    /// Adds a periodic job to the host's scheduler, which runs it under a lease (once across hosts
    /// sharing a database) and catches up after downtime.
    /// - Throws: `PluginError` when the job's id does not start with "<pluginID>." (so two
    ///   plugins cannot clash), or when another job already has the id.
    public func schedule(_ job: ScheduledJob) throws {
        guard job.id.hasPrefix(pluginID + ".") else {
            throw PluginError.badJobID(plugin: pluginID, job: job.id)
        }
        try host.scheduler.add(job)
    }

    /// Declares a task kind the plugin opens tasks of, with the Chinese title secretaries see
    /// (e.g. "书记项目事项"); a task of an undeclared kind is refused. Declaring an id again
    /// replaces its title and owner.
    public func taskKind(_ id: String, title: String) {
        host.kinds.registerTaskKind(id, title: title, owner: pluginID)
    }

    /// Declares a notification kind the plugin sends, with the Chinese title secretaries see; a
    /// notification of an undeclared kind is refused. Declaring an id again replaces it.
    public func notificationKind(_ id: String, title: String) {
        host.kinds.registerNotificationKind(id, title: title, owner: pluginID)
    }
}

/// Why the plugin set cannot start. The messages are for operators, in both languages.
public struct PluginError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The problem in Chinese and English, " / " between them, as `serve` and `config check` print it.
    public let description: String

    static func unknown(_ id: String) -> PluginError {
        PluginError(description: "配置中的插件 \(id) 不存在 / plugin \(id) named in the configuration is not compiled in")
    }

    /// A switched-on plugin needs one that is missing or switched off; the host does not open.
    /// - Parameters:
    ///   - plugin: the id of the plugin that declares the dependency.
    ///   - dependency: the id it needs.
    public static func missingDependency(plugin: String, dependency: String) -> PluginError {
        PluginError(
            description:
                "插件 \(plugin) 依赖 \(dependency)，但后者不存在或未启用 / plugin \(plugin) needs \(dependency), which is missing or switched off"
        )
    }

    /// Plugins depend on each other in a loop, so no start order exists.
    /// - Parameter ids: the loop as found, its first id repeated at the end (a → b → a).
    public static func cycle(_ ids: [String]) -> PluginError {
        PluginError(
            description:
                "插件之间存在循环依赖：\(ids.joined(separator: " → ")) / plugins depend on each other in a cycle: \(ids.joined(separator: " -> "))"
        )
    }

    /// Two compiled-in plugins share one id, so their `dj.<id>` functions, jobs and kinds could not be told apart.
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
