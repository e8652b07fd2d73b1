import ArgumentParser
import Dangjian
import DangjianLua

@main
struct DangjianCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dangjian",
        abstract: "党建 Dangjian: the host daemon for grassroots party-building work.",
        subcommands: [
            Serve.self, Init.self, Demo.self, Import.self, Export.self, Plugins.self, Config.self, Rules.self,
            Bench.self,
        ]
    )
}

/// The campaign plugins compiled into this binary, as types: each host makes its own values.
/// The configuration switches them off by id. `types` and `demoSeeders` (each plugin's part of
/// the demo, target `XDemo`, type `XDemoSeeder`, which runs only when its plugin is on) are
/// written at build time from the `plugins` list in Package.swift (the CompiledPluginList build plugin).
enum CompiledPlugins {

    /// The plugins of a host that runs no rules (a CLI command), or of none (`config check`, `plugins`).
    static func make(_ configuration: HostConfiguration) throws -> [any HostPlugin] {
        try PluginFactory.make(types, configuration: configuration, rules: NoRules())
    }
}
