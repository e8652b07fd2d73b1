import Foundation
import Testing
import DangjianScaffold
import DangjianTestSupport

/// Issue 14, point 11: `dangjian plugin new NAME` writes a plugin in the shape every plugin has,
/// with its names filled in everywhere, and refuses a bad name or an existing folder.
@Suite struct PluginScaffoldTests {
    @Test func aNewPluginHasARouteARuleWithFixturesATestAndAReadme() throws {
        let scaffold = try PluginScaffold(name: "MemberDevelopment", id: "development", title: "发展党员")
        let files = try scaffold.files()
        let paths = Set(files.map(\.path))
        for path in [
            "plugins/MemberDevelopment/README.md", "plugins/MemberDevelopment/Sources/Plugin.swift",
            "plugins/MemberDevelopment/Sources/Models/MemberDevelopmentErrorCode.swift",
            "plugins/MemberDevelopment/Sources/Routes/EntryRoutes.swift",
            "plugins/MemberDevelopment/Sources/Rules/MemberDevelopmentFixture.swift",
            "plugins/MemberDevelopment/rules/development.lua", "plugins/MemberDevelopment/rules/development_test.lua",
            "plugins/MemberDevelopment/Tests/MemberDevelopmentTests.swift",
            "plugins/MemberDevelopment/Demo/MemberDevelopmentDemoSeeder.swift",
        ] {
            #expect(paths.contains(path), "\(path) is written")
        }
        for file in files {
            #expect(!file.text.contains("__"), "\(file.path) has an unfilled placeholder")
            #expect(!file.path.contains("__"))
        }
        let plugin = try #require(files.first { $0.path.hasSuffix("Sources/Plugin.swift") }).text
        #expect(plugin.contains("public final class MemberDevelopmentPlugin"))
        #expect(plugin.contains(#"pluginID = "development""#) && plugin.contains(#"title = "发展党员""#))
        #expect(scaffold.wiringLine == #"("MemberDevelopment", []),"#)
    }

    @Test func theFilesAreWrittenAndTheFolderIsNeverOverwritten() throws {
        let checkout = URL(fileURLWithPath: try TemporaryFiles.directory([:]))
        let scaffold = try PluginScaffold(name: "Dues", title: "党费")
        let written = try scaffold.write(into: checkout)
        #expect(written.count == (try scaffold.files()).count)
        let rules = checkout.appendingPathComponent("plugins/Dues/rules")
        #expect(FileManager.default.fileExists(atPath: rules.appendingPathComponent("dues.lua").path))
        // What it writes has the shape every plugin is held to.
        #expect(PluginShapeTests.problems(in: checkout.appendingPathComponent("plugins/Dues")) == [])
        // A second run leaves the first one's work alone.
        let readme = checkout.appendingPathComponent("plugins/Dues/README.md")
        try "edited".write(to: readme, atomically: true, encoding: .utf8)
        #expect(throws: ScaffoldError.self) { try scaffold.write(into: checkout) }
        #expect(try String(contentsOf: readme, encoding: .utf8) == "edited")
    }

    @Test func badNamesAndIdsAreRefused() {
        for (name, id) in [
            ("memberDevelopment", nil), ("Member-Development", nil), ("发展", nil), ("", nil), ("Dues", "Dues"),
            ("Dues", "1dues"), ("Dues", "members"), ("Dues", "dj.dues"),
        ] as [(String, String?)] {
            #expect(throws: ScaffoldError.self, "\(name) \(id ?? "")") { try PluginScaffold(name: name, id: id) }
        }
        #expect(throws: ScaffoldError.self) { try PluginScaffold(name: "Dues", title: "党\"费") }
    }
}
