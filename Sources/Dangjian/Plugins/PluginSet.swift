/// The plugins that will run: the compiled-in ones minus those the configuration switches
/// off, in an order where every plugin comes after the plugins it depends on.
public struct PluginSet: Sendable {
    public let ordered: [any HostPlugin]
    public let disabled: [String]

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

    public var ids: [String] { ordered.map(\.id) }
}
