import ArgumentParser
import DangjianLua
import DangjianScaffold
import Foundation

/// `dangjian plugin new NAME`: starts a campaign plugin in the shape every plugin has.
struct PluginNew: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write a new plugin folder (one route, one rule with fixtures, one test, a README).",
        discussion: "Run it in the checkout. It prints the one line that wires the plugin in. See docs/plugins.md."
    )

    @Argument(help: "The Swift module name, UpperCamelCase, e.g. MemberDevelopment.")
    var name: String

    @Option(
        help: "The plugin id (API path and dj.<id>); lowercase letters and digits. Default: the name in lower case.")
    var id: String?

    @Option(help: "The campaign's Chinese name, e.g. 发展党员. Default: the name.")
    var title: String?

    @Option(help: "The checkout to write into.")
    var checkout: String = FileManager.default.currentDirectoryPath

    func run() async throws {
        let root = URL(fileURLWithPath: checkout)
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path) else {
            throw ValidationError("no Package.swift in \(root.path): run this in the checkout, or pass --checkout")
        }
        let scaffold = try PluginScaffold(name: name, id: id, title: title)
        let taken = CompiledPlugins.types.map { $0.pluginID }
        guard !taken.contains(scaffold.id) else {
            throw ValidationError("插件 id \(scaffold.id) 已被占用 / the plugin id \(scaffold.id) is taken; pass --id")
        }
        for path in try scaffold.write(into: root) { print("  wrote \(path)") }
        print(
            """

            已生成插件 \(scaffold.name)（\(scaffold.title)，id \(scaffold.id)）。在 Package.swift 的 plugins 列表中加入这一行即可接入：
            The plugin is written. Add this one line to the `plugins` list in Package.swift to wire it in:

                \(scaffold.wiringLine)

            Then: swift build && swift test --filter \(scaffold.name)Tests
            """)
    }
}
