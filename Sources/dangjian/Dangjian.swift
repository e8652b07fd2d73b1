import ArgumentParser
import Dangjian
import BrandCreation
import DualLiaison
import OrgLife
import RegionalCouncil
import SecretaryProjects

@main
struct DangjianCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dangjian",
        abstract: "党建 Dangjian: the host daemon for grassroots party-building work.",
        subcommands: [Serve.self, Init.self, Demo.self, Import.self, Export.self, Plugins.self, Config.self, Rules.self, Bench.self]
    )
}

/// The campaign plugins compiled into this binary. The configuration switches them off by id.
enum CompiledPlugins {
    static let all: [any HostPlugin] = [OrgLifePlugin(), RegionalCouncilPlugin(), SecretaryProjectsPlugin(), DualLiaisonPlugin(), BrandCreationPlugin()]
}
