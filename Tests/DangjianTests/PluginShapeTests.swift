import Foundation
import Testing

/// Every plugin folder has the one shape OrgLife and the other four share (issue 14, point 11),
/// so a sixth plugin is held to it: `Sources/Plugin.swift`, `Sources/Models/`, `Sources/Routes/`,
/// `Sources/Rules/` with the rule functions and a `…Fixture.swift` loader, `Sources/Console/Templates/`
/// with the console's templates, at least one topic
/// folder, `Demo/` with its `NAMEDemoSeeder.swift`, `Tests/`, `rules/` and `README.md`.
@Suite struct PluginShapeTests {
    /// What is missing from or out of place in one plugin folder; empty when it has the shape.
    static func problems(in folder: URL) -> [String] {
        let name = folder.lastPathComponent
        let files = FileManager.default
        func exists(_ path: String, directory: Bool) -> Bool {
            var isDirectory: ObjCBool = false
            return files.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isDirectory)
                && isDirectory.boolValue == directory
        }
        func entries(_ path: String) -> [String] {
            (try? files.contentsOfDirectory(atPath: folder.appendingPathComponent(path).path))?.sorted() ?? []
        }
        var problems: [String] = []
        for path in ["Sources/Plugin.swift", "README.md", "Demo/\(name)DemoSeeder.swift"]
        where !exists(path, directory: false) {
            problems.append("\(name): no \(path)")
        }
        for path in ["Sources/Models", "Sources/Routes", "Sources/Rules", "Demo", "Tests", "rules"]
        where !exists(path, directory: true) {
            problems.append("\(name): no \(path)/")
        }
        let rules = entries("Sources/Rules")
        if !rules.contains(where: { $0.hasSuffix("Fixture.swift") }) {
            problems.append("\(name): no Sources/Rules/…Fixture.swift (the fixture loader)")
        }
        if !rules.contains(where: { $0.hasSuffix("+Rules.swift") }) {
            problems.append("\(name): no Sources/Rules/…+Rules.swift (the rule functions)")
        }
        // Package.swift copies every plugin's templates folder: a plugin without console pages
        // still has one, with at least one template.
        if !entries("Sources/Console/Templates").contains(where: { $0.hasSuffix(".mustache") }) {
            problems.append("\(name): no Sources/Console/Templates/….mustache (the console's templates)")
        }
        let sources = entries("Sources")
        if let loose = sources.first(where: { $0.hasSuffix(".swift") && $0 != "Plugin.swift" }) {
            problems.append("\(name): Sources/\(loose) belongs in a folder")
        }
        let topics = sources.filter {
            !$0.hasSuffix(".swift") && !["Models", "Routes", "Rules", "Console"].contains($0)
        }
        if topics.isEmpty { problems.append("\(name): no topic folder in Sources/") }
        if let stray = sources.first(where: { $0 == "Demo" }) { problems.append("\(name): Sources/\(stray)/ is Demo/") }
        return problems
    }

    @Test func everyPluginHasTheOneShape() throws {
        let root = TableOwnershipTests.checkout.appendingPathComponent("plugins")
        let plugins = try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
        #expect(plugins.count >= 5)
        let problems = plugins.flatMap { Self.problems(in: root.appendingPathComponent($0)) }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test func aPluginWithoutItsRulesFolderOrSeederIsRefused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shape-\(UUID().uuidString)/Sixth")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        for path in ["Sources/Models", "Sources/Routes", "Sources/Campaign", "Demo", "Tests", "rules"] {
            try FileManager.default.createDirectory(
                at: folder.appendingPathComponent(path), withIntermediateDirectories: true)
        }
        for path in ["Sources/Plugin.swift", "Sources/Campaign+Rules.swift", "README.md"] {
            try Data().write(to: folder.appendingPathComponent(path))
        }
        #expect(
            Self.problems(in: folder) == [
                "Sixth: no Demo/SixthDemoSeeder.swift", "Sixth: no Sources/Rules/",
                "Sixth: no Sources/Rules/…Fixture.swift (the fixture loader)",
                "Sixth: no Sources/Rules/…+Rules.swift (the rule functions)",
                "Sixth: no Sources/Console/Templates/….mustache (the console's templates)",
                "Sixth: Sources/Campaign+Rules.swift belongs in a folder",
            ])
    }
}
