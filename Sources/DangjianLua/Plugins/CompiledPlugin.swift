import Dangjian
import Synchronization

/// What a plugin asks of the running rules, at call time: the rules are loaded after the host
/// that the plugin belongs to is open, so a plugin is given the lookup when it is made and asks
/// it when a score or a rubric is needed.
public protocol RuleLookup: Sendable {
    /// The rules the plugin's host runs now; nil while none are loaded.
    var running: RuleRuntime? { get }
}

/// The lookup a host's builder gives its plugins, connected to the rule runtime once that is
/// loaded. It holds the runtime weakly: the runtime holds the host, which holds the plugins,
/// so a strong reference here would keep every host of a process alive.
public final class RuleLink: RuleLookup {
    private struct Weak: @unchecked Sendable { weak var runtime: RuleRuntime? }
    private let slot = Mutex(Weak())

    /// A link not yet connected: `running` is nil until `connect` or `start`.
    public init() {}

    /// The connected runtime, or nil before it is connected or after it is gone.
    public var running: RuleRuntime? { slot.withLock { $0.runtime } }

    /// Points the host's plugins at `runtime` (the same runtime follows reloads).
    public func connect(_ runtime: RuleRuntime) { slot.withLock { $0.runtime = runtime } }

    /// Loads the host's rules (`RuleRuntime.start`) and connects this link to them. Keep the
    /// returned runtime for as long as the rules should run: the link does not.
    public func start(host: DangjianHost) async throws -> RuleRuntime {
        let runtime = try await RuleRuntime.start(host: host)
        connect(runtime)
        return runtime
    }
}

/// A lookup that never finds rules, for plugins made where no rules run (`config check`, `plugins`).
public struct NoRules: RuleLookup {
    /// The lookup that finds nothing.
    public init() {}
    /// Always nil.
    public var running: RuleRuntime? { nil }
}

/// What a host hands a plugin when it makes it: its settings, the rule lookup, and the plugins
/// it builds on, already made for the same host.
public struct PluginEnvironment: Sendable {
    /// The id of the plugin being made.
    public let pluginID: String
    /// The host's configuration.
    public let configuration: HostConfiguration
    /// Where the plugin finds the running rules, at the time it needs them (not at creation).
    public let rules: any RuleLookup
    let made: [String: any HostPlugin]

    /// The plugin's own `plugins.settings` (keys without the "ID." prefix).
    public var settings: [String: String] { configuration.settings(of: pluginID) }

    /// A plugin this one builds on (listed in its `builtOn`), as made for the same host.
    public func plugin<P: CompiledPlugin>(_ type: P.Type) throws -> P {
        guard let plugin = made[P.pluginID] as? P else {
            throw PluginError.missingDependency(plugin: pluginID, dependency: P.pluginID)
        }
        return plugin
    }
}

/// A plugin as it is compiled in: a type that each host makes its own value of. Its
/// dependencies are declared once, as the types it builds on; the ids follow from them, and a
/// test compares their modules with the `uses:` lists in Package.swift.
public protocol CompiledPlugin: HostPlugin {
    /// The plugin's stable id, e.g. "orglife": known before a value exists, so the factory can
    /// order the types and the configuration can switch one off.
    static var pluginID: String { get }
    /// The plugins this one builds on; they are made first and handed over in the environment.
    static var builtOn: [any CompiledPlugin.Type] { get }
    /// Makes the plugin for one host from what that host hands it; the plugins in `builtOn` are
    /// already made and reached through `environment.plugin(_:)`.
    /// - Throws: whatever stops the plugin from being made, e.g. `PluginError.missingDependency`
    ///   from `environment.plugin(_:)`; the host is then not built.
    init(_ environment: PluginEnvironment) throws
}

extension CompiledPlugin {
    /// None, unless the plugin says otherwise.
    public static var builtOn: [any CompiledPlugin.Type] { [] }
    /// The plugin's id, `pluginID`.
    public var id: String { Self.pluginID }
    /// The ids of the plugins in `builtOn`.
    public var dependencies: [String] { Self.builtOn.map { $0.pluginID } }

    /// The Swift module (the Package.swift target) the type lives in, e.g. "RegionalCouncil".
    public static var targetName: String { String(String(reflecting: Self.self).prefix { $0 != "." }) }
}

/// Makes one host's plugins from the compiled-in types.
public enum PluginFactory {
    /// Every compiled-in plugin, switched off or not (the plugin set leaves those out, and checks
    /// their settings), made in an order where each comes after the plugins it builds on.
    public static func make(
        _ types: [any CompiledPlugin.Type], configuration: HostConfiguration,
        rules: any RuleLookup
    ) throws -> [any HostPlugin] {
        var made: [String: any HostPlugin] = [:]
        var pending = types
        while !pending.isEmpty {
            guard let next = pending.firstIndex(where: { $0.builtOn.allSatisfy { made[$0.pluginID] != nil } }) else {
                let waiting = pending[0]
                let missing = waiting.builtOn.first { made[$0.pluginID] == nil }!.pluginID
                throw types.contains { $0.pluginID == missing }
                    ? PluginError.cycle(pending.map { $0.pluginID } + [pending[0].pluginID])
                    : PluginError.missingDependency(plugin: waiting.pluginID, dependency: missing)
            }
            let type = pending.remove(at: next)
            guard made[type.pluginID] == nil else { throw PluginError.duplicate(type.pluginID) }
            let plugin = try type.init(
                PluginEnvironment(pluginID: type.pluginID, configuration: configuration, rules: rules, made: made))
            made[type.pluginID] = plugin
        }
        // The configuration's order (compiled-in order) is what `dangjian plugins` lists.
        return types.compactMap { made[$0.pluginID] }
    }
}
