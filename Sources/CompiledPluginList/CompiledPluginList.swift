import Foundation
import PackagePlugin

/// Writes the binary's list of compiled-in plugins from the targets it depends on, so that
/// Package.swift's `plugins` list is the one place a new plugin is named. A dependency in
/// `plugins/X/Sources` is a plugin (type `XPlugin`); one in `plugins/X/Demo` is its demo
/// (type `XDemoSeeder`).
@main
struct CompiledPluginList: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let modules = target.dependencies.compactMap { dependency -> String? in
            guard case .target(let module) = dependency else { return nil }
            let parts = module.directoryURL.standardizedFileURL.pathComponents
            guard parts.count >= 3, parts[parts.count - 3] == "plugins" else { return nil }
            switch parts[parts.count - 1] {
            case "Sources": return "plugin:\(module.name)"
            case "Demo": return "demo:\(module.name)"
            default: return nil
            }
        }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("CompiledPlugins+List.swift")
        return [
            .buildCommand(
                displayName: "Listing the compiled-in plugins (\(modules.count) modules)",
                executable: try context.tool(named: "CompiledPluginListTool").url,
                arguments: [output.path] + modules, inputFiles: [], outputFiles: [output])
        ]
    }
}
