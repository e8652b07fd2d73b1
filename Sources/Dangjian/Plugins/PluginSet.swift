/// The plugins that will run: the compiled-in ones minus those the configuration switches
/// off, in an order where every plugin comes after the plugins it depends on.
public struct PluginSet: Sendable {
    /// The enabled plugins, each after the plugins it depends on; the host starts them in this order.
    public let ordered: [any HostPlugin]
    /// The ids the configuration switched off (`plugins.disabled`), sorted.
    public let disabled: [String]

    /// Orders the enabled plugins by dependency, ties broken by id, so the start order is the
    /// same on every run.
    /// - Throws: `PluginError` for two plugins with one id, a switched-off id that names no
    ///   plugin, a missing or switched-off dependency, a migration not under the plugin's id, or
    ///   a dependency cycle.
    /// - Parameters:
    ///   - available: every plugin compiled into this binary.
    ///   - disabledIDs: ids switched off in the configuration.
    public init(available: [any HostPlugin], disabledIDs: [String]) throws {
        var byID: [String: any HostPlugin] = [:]
        for plugin in available {
            guard byID[plugin.id] == nil else { throw PluginError.duplicate(plugin.id) }
            byID[plugin.id] = plugin
        }
        for id in disabledIDs where byID[id] == nil { throw PluginError.unknown(id) }
        let enabled = byID.filter { !disabledIDs.contains($0.key) }
        for plugin in enabled.values {
            for dependency in plugin.dependencies where enabled[dependency] == nil {
                throw PluginError.missingDependency(plugin: plugin.id, dependency: dependency)
            }
            for migration in plugin.migrations where migration.module != plugin.id {
                throw PluginError.badMigration(plugin: plugin.id, module: migration.module)
            }
        }
        // Depth-first topological sort; ids are visited in sorted order so the result is stable.
        var ordered: [any HostPlugin] = []
        var done: Set<String> = []
        var visiting: [String] = []
        func visit(_ id: String) throws {
            if done.contains(id) { return }
            if let start = visiting.firstIndex(of: id) { throw PluginError.cycle(Array(visiting[start...]) + [id]) }
            visiting.append(id)
            for dependency in enabled[id]!.dependencies.sorted() { try visit(dependency) }
            visiting.removeLast()
            done.insert(id)
            ordered.append(enabled[id]!)
        }
        for id in enabled.keys.sorted() { try visit(id) }
        self.ordered = ordered
        self.disabled = disabledIDs.sorted()
    }

    /// The enabled plugins' ids, in start order.
    public var ids: [String] { ordered.map(\.id) }

    /// Every problem with `plugins.settings`: a key naming no compiled-in plugin, and what each
    /// plugin finds wrong with its own (switched-off plugins too, so switching one on later
    /// cannot reveal an old typo).
    public static func settingsProblems(_ settings: [String: String], available: [any HostPlugin]) -> [String] {
        let ids = Set(available.map(\.id))
        var problems = settings.keys.sorted().compactMap { key -> String? in
            let id = String(key.prefix { $0 != "." })
            return ids.contains(id) ? nil : "plugins.settings: \(key): 插件 \(id) 不存在 / no plugin \(id) is compiled in"
        }
        var configuration = HostConfiguration()
        configuration.pluginSettings = settings
        for plugin in available.sorted(by: { $0.id < $1.id }) {
            let own = configuration.settings(of: plugin.id)
            if !own.isEmpty { problems += plugin.checkSettings(own) }
        }
        return problems
    }

    /// The problem for a setting a plugin does not take.
    public static func unknownSetting(_ pluginID: String, _ key: String) -> String {
        "plugins.settings: \(pluginID).\(key): 未知设置 / unknown setting"
    }
}
