import ArgumentParser
import Dangjian

struct Plugins: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show plugins, or start a new one.", subcommands: [PluginsList.self, PluginNew.self],
        aliases: ["plugin"])
}

struct PluginsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List compiled-in plugins, their order and whether each is on.")

    @OptionGroup var options: HostOptions

    func run() async throws {
        let configuration = try await options.loadConfiguration()
        let set = try PluginSet(
            available: try CompiledPlugins.make(configuration), disabledIDs: configuration.disabledPlugins)
        if CompiledPlugins.types.isEmpty {
            print("此版本未编译任何插件 / no plugins are compiled into this build")
        }
        for (position, plugin) in set.ordered.enumerated() {
            let dependencies =
                plugin.dependencies.isEmpty ? "" : "  (needs \(plugin.dependencies.joined(separator: ", ")))"
            print("\(position + 1). \(plugin.id)  \(plugin.title)  on\(dependencies)")
        }
        for id in set.disabled { print("-  \(id)  off") }
    }
}
