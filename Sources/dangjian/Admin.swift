import ArgumentParser
import Dangjian

struct Plugins: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show plugins.", subcommands: [PluginsList.self])
}

struct PluginsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List compiled-in plugins, their order and whether each is on.")

    @OptionGroup var options: HostOptions

    func run() async throws {
        let configuration = try await options.loadConfiguration()
        let set = try PluginSet(available: CompiledPlugins.all, disabledIDs: configuration.disabledPlugins)
        if CompiledPlugins.all.isEmpty {
            print("此版本未编译任何插件 / no plugins are compiled into this build")
        }
        for (position, plugin) in set.ordered.enumerated() {
            let dependencies = plugin.dependencies.isEmpty ? "" : "  (needs \(plugin.dependencies.joined(separator: ", ")))"
            print("\(position + 1). \(plugin.id)  \(plugin.title)  on\(dependencies)")
        }
        for id in set.disabled { print("-  \(id)  off") }
    }
}

struct Config: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check the configuration.", subcommands: [ConfigCheck.self])
}

struct ConfigCheck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Read the configuration file and environment, report every wrong value with its key, and show the result.")

    @OptionGroup var options: HostOptions

    func run() async throws {
        let configuration: HostConfiguration
        do {
            configuration = try await options.loadConfiguration()
            _ = try PluginSet(available: CompiledPlugins.all, disabledIDs: configuration.disabledPlugins)
            let problems = PluginSet.settingsProblems(configuration.pluginSettings, available: CompiledPlugins.all)
            guard problems.isEmpty else { throw ConfigurationError(problems: problems) }
        } catch {
            print(error)
            throw ExitCode(1)
        }
        print("""
            配置正确 / configuration OK (\(options.configFile ?? "defaults and environment only"))
              database        sqlite \(configuration.resolvedDatabasePath)
              http            \(configuration.httpHost):\(configuration.httpPort) (max body \(configuration.maxBodyBytes) bytes)
              security        bcrypt cost \(configuration.bcryptCost), sessions \(configuration.sessionHours) h
              scheduler       \(configuration.schedulerEnabled ? "on" : "off"), tick \(configuration.schedulerTickSeconds) s
              plugins off     \(configuration.disabledPlugins.isEmpty ? "none" : configuration.disabledPlugins.joined(separator: ", "))
              plugin settings \(configuration.pluginSettings.isEmpty ? "none" : configuration.pluginSettings.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", "))
              log level       \(configuration.logLevel)
            """)
    }
}
