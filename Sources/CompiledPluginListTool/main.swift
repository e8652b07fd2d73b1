import Foundation

// CompiledPluginListTool OUTPUT plugin:X… demo:XDemo…: the Swift source of the binary's plugin
// lists, written only when it changes so an unchanged list does not rebuild the binary.
let arguments = CommandLine.arguments.dropFirst()
guard let output = arguments.first else {
    FileHandle.standardError.write(Data("usage: CompiledPluginListTool OUTPUT plugin:NAME… demo:NAME…\n".utf8))
    exit(2)
}
let plugins = arguments.dropFirst().filter { $0.hasPrefix("plugin:") }.map { String($0.dropFirst("plugin:".count)) }
let demos = arguments.dropFirst().filter { $0.hasPrefix("demo:") }.map { String($0.dropFirst("demo:".count)) }
let source = """
    // Generated at build time by the CompiledPluginList build plugin from Package.swift's
    // `plugins` list. Do not edit: add a plugin to that list instead.
    import DangjianDemo
    import DangjianLua
    \((plugins + demos).map { "import \($0)" }.joined(separator: "\n"))

    extension CompiledPlugins {
        /// The campaign plugins compiled into this binary, in Package.swift's order.
        static let types: [any CompiledPlugin.Type] = [\(plugins.map { "\($0).\($0)Plugin.self" }.joined(separator: ", "))]
        /// Each plugin's part of the demo and synthetic districts, in the same order.
        static let demoSeeders: [any DemoSeeder] = [\(demos.map { "\($0).\($0)Seeder()" }.joined(separator: ", "))]
    }

    """
let url = URL(fileURLWithPath: output)
if (try? String(contentsOf: url, encoding: .utf8)) != source {
    try source.write(to: url, atomically: true, encoding: .utf8)
}
