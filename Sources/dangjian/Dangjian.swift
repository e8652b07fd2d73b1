import ArgumentParser
import BrandCreation
import BrandCreationDemo
import Dangjian
import DangjianDemo
import DangjianLua
import DualLiaison
import DualLiaisonDemo
import OrgLife
import OrgLifeDemo
import RegionalCouncil
import RegionalCouncilDemo
import SecretaryProjects
import SecretaryProjectsDemo

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
/// The configuration switches them off by id.
enum CompiledPlugins {
    static let types: [any CompiledPlugin.Type] = [
        OrgLifePlugin.self, RegionalCouncilPlugin.self, SecretaryProjectsPlugin.self, DualLiaisonPlugin.self,
        BrandCreationPlugin.self,
    ]

    /// Each compiled plugin's part of the demo (target `XDemo`, type `XDemoSeeder`); a seeder
    /// runs only when its plugin is on, in the host's plugin order.
    static let demoSeeders: [any DemoSeeder] = [
        OrgLifeDemoSeeder(), RegionalCouncilDemoSeeder(), SecretaryProjectsDemoSeeder(), DualLiaisonDemoSeeder(),
        BrandCreationDemoSeeder(),
    ]

    /// The plugins of a host that runs no rules (a CLI command), or of none (`config check`, `plugins`).
    static func make(_ configuration: HostConfiguration) throws -> [any HostPlugin] {
        try PluginFactory.make(types, configuration: configuration, rules: NoRules())
    }
}
