import Dangjian

/// A plugin that brings rules: a baseline pack in its own `rules/` folder, and functions that
/// scripts call as `dj.<id>.<name>`. OrgLife is the model to copy.
public protocol RulePlugin: HostPlugin {
    /// The plugin's baseline pack, relative to the working directory like `rules.baseline`,
    /// e.g. "plugins/OrgLife/rules". It applies everywhere, beside the kernel's baseline;
    /// districts override its rules by id like any other.
    var rulesDirectory: String { get }

    /// The functions under `dj.<id>`. Each VM asks once, with its own `context`: use it to
    /// refuse organisations outside the calling pack's subtree and to read in batches, one
    /// query for every organisation of a sweep rather than one per call.
    func ruleFunctions(_ context: CallContext) -> [String: LuaGlobal]

    /// Stores what a fixture gives under the plugin's id (e.g. `orglife = { records = {…} }`)
    /// through the plugin's own write path, so fixtures test rules against validated data.
    func loadFixture(_ value: LuaValue, _ fixture: FixtureData, host: DangjianHost) async throws
}

extension RulePlugin {
    /// By default a plugin takes no fixture data: a fixture that gives some throws `LuaError.badValue`.
    public func loadFixture(_ value: LuaValue, _ fixture: FixtureData, host: DangjianHost) async throws {
        throw LuaError(kind: .badValue, message: "plugin \(id) takes no fixture data")
    }
}

/// What a fixture set up before a plugin loads its part: the day and the records by key.
public struct FixtureData: Sendable {
    /// The fixture's `today`.
    public let today: Day
    /// Organisation ids by the fixture's keys.
    public let organizations: [String: Int64]
    /// Member ids by the fixture's keys (`key = "li"` on a member).
    public let members: [String: Int64]
}

extension HostConfiguration {
    /// A rule plugin's baseline pack: `rules.plugins` when it names the plugin, else its default
    /// (relative to the checkout), looked for as every relative pack path is (`resolvePack`).
    public func rulesDirectory(of plugin: any RulePlugin) -> String {
        rulesPlugins[plugin.id] ?? resolvePack(plugin.rulesDirectory)
    }
}

extension DangjianHost {
    /// The enabled plugins that bring rules, in dependency order.
    public var rulePlugins: [any RulePlugin] { plugins.ordered.compactMap { $0 as? any RulePlugin } }
}
