import Dangjian
import DangjianHTTPTestSupport
import DangjianLua
import Testing
@testable import DualLiaison
@testable import RegionalCouncil

/// Each host makes its own plugin values from the compiled-in types, and a plugin's dependencies
/// are declared once, as the types it builds on (issue 14, point 6).
@Suite struct PluginValuesTests {
    static let types: [any CompiledPlugin.Type] = [RegionalCouncilPlugin.self, DualLiaisonPlugin.self]

    @Test func twoHostsInOneProcessMakeTheirOwnPluginValues() throws {
        var configuration = HostConfiguration()
        configuration.pluginSettings = ["liaison.maxSubCouncilsPerPerson": "3"]
        let first = try PluginFactory.make(Self.types, configuration: configuration, rules: NoRules())
        let second = try PluginFactory.make(Self.types, configuration: HostConfiguration(), rules: NoRules())
        let (council, liaison) = (
            try #require(first[0] as? RegionalCouncilPlugin), try #require(first[1] as? DualLiaisonPlugin)
        )
        let (otherCouncil, otherLiaison) = (
            try #require(second[0] as? RegionalCouncilPlugin), try #require(second[1] as? DualLiaisonPlugin)
        )
        #expect(council !== otherCouncil && liaison !== otherLiaison)
        // The liaison plugin is handed its own host's council, and its own host's settings.
        #expect(liaison.council === council && otherLiaison.council === otherCouncil)
        #expect(liaison.quota == 3 && otherLiaison.quota == 1)
    }

    @Test func aPluginIsMadeAfterThePluginsItBuildsOnAndNeedsThem() throws {
        let made = try PluginFactory.make(
            [DualLiaisonPlugin.self, RegionalCouncilPlugin.self], configuration: HostConfiguration(), rules: NoRules())
        #expect(made.map(\.id) == ["liaison", "council"])
        #expect(made[0].dependencies == ["council"])
        #expect(throws: PluginError.missingDependency(plugin: "liaison", dependency: "council")) {
            try PluginFactory.make([DualLiaisonPlugin.self], configuration: HostConfiguration(), rules: NoRules())
        }
    }

    @Test func theDependenciesMatchPackageSwift() throws {
        #expect(DualLiaisonPlugin.targetName == "DualLiaison" && RegionalCouncilPlugin.targetName == "RegionalCouncil")
        #expect(try PluginManifest.mismatches(Self.types) == [])
    }

    @Test func aManifestThatDisagreesIsCaught() {
        let manifest = """
            let plugins: [(name: String, uses: [String])] = [
                ("RegionalCouncil", []),
                ("DualLiaison", []),
            ]
            """
        #expect(PluginManifest.uses(in: manifest) == ["RegionalCouncil": [], "DualLiaison": []])
        #expect(
            PluginManifest.mismatches(Self.types, manifest: manifest)
                == [#"DualLiaison: Package.swift uses [], the plugin is built on ["RegionalCouncil"]"#])
        #expect(PluginManifest.mismatches(Self.types, manifest: "let plugins = []").count == 2)
    }
}
