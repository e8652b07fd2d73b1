import Foundation
import Testing

/// Demo and benchmark code lives in its own targets (DangjianDemo, DangjianBench and each
/// plugin's `XDemo`), never in a product target (issue 14, point 7). Reads the checkout as
/// `TableOwnership` does.
@Suite struct DemoOutOfProductTests {
    /// What only demo or benchmark code names.
    static let demoNames = [
        "SeededGenerator", "SyntheticScale", "SyntheticStage", "DemoSeeder", "DemoDistrict", "SyntheticDistrict",
        "SweepRecording", "seedDemo", "seedSynthetic",
    ]

    /// The product targets' sources: the kernel, the HTTP and Lua layers, and every plugin's library.
    static func productSources() throws -> [String: String] {
        let checkout = TableOwnershipTests.checkout
        var files: [String: String] = [:]
        for folder in ["Sources/Dangjian", "Sources/DangjianHTTP", "Sources/DangjianLua"] {
            files.merge(try TableOwnership.swiftFiles(under: checkout, folder)) { first, _ in first }
        }
        let plugins = try FileManager.default.contentsOfDirectory(
            atPath: checkout.appendingPathComponent("plugins").path)
        for plugin in plugins {
            files.merge(try TableOwnership.swiftFiles(under: checkout, "plugins/\(plugin)/Sources")) { first, _ in first
            }
        }
        return files
    }

    /// Each file of a product target that names demo or benchmark code, with the names it uses.
    static func findings(in files: [String: String]) -> [String: [String]] {
        var found: [String: [String]] = [:]
        for (path, text) in files {
            let names = demoNames.filter { text.contains($0) }
            if !names.isEmpty { found[path] = names }
        }
        return found
    }

    @Test func noProductTargetHoldsDemoOrBenchCode() throws {
        let files = try Self.productSources()
        #expect(files.keys.contains("Sources/Dangjian/Plugins/HostPlugin.swift"))
        #expect(files.keys.contains("plugins/OrgLife/Sources/Plugin.swift"))
        let found = Self.findings(in: files)
        #expect(found.isEmpty, "\(found.sorted { $0.key < $1.key })")
        let hostPlugin = try #require(files["Sources/Dangjian/Plugins/HostPlugin.swift"])
        #expect(!hostPlugin.contains("func seed"), "HostPlugin has no demo methods")
    }

    @Test func aPlantedDemoNameInAProductFileIsFound() {
        let found = Self.findings(in: [
            "plugins/OrgLife/Sources/Ledger/Ledger.swift": "var random = SeededGenerator(seed: 1)",
            "Sources/Dangjian/Plugins/HostPlugin.swift": "func seedDemo(_ host: DangjianHost) async throws",
            "Sources/Dangjian/Core/Day.swift": "public struct Day {}",
        ])
        #expect(
            found == [
                "plugins/OrgLife/Sources/Ledger/Ledger.swift": ["SeededGenerator"],
                "Sources/Dangjian/Plugins/HostPlugin.swift": ["seedDemo"],
            ])
    }
}
