import Foundation
import Testing

/// Reads the plugins' SQL and tells which tables it names that the plugin does not own.
/// Ownership comes from the migrations: a table belongs to whoever's sources hold its
/// `CREATE TABLE`, the kernel's (Sources/Dangjian) or one plugin's (plugins/<name>/Sources).
struct TableOwnership {
    /// One place where a plugin's SQL names a table it does not own.
    struct Violation: Hashable, CustomStringConvertible {
        let file: String
        let table: String
        let owner: String
        var description: String { "\(file): \(table) (owned by \(owner))" }
    }

    /// The demo and bench targets (DangjianDemo, DangjianBench, each plugin's `XDemo`): they
    /// own no tables and reach the product through its public API only, so any table their SQL
    /// names is a violation, whoever owns it.
    static func demoAndBenchFolders(plugins: [String]) -> [String] {
        ["Sources/DangjianDemo", "Sources/DangjianBench"] + plugins.map { "plugins/\($0)/Demo" }
    }

    nonisolated(unsafe) static let createTable = /CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?([a-z_][a-z0-9_]*)/
    // Upper-case keywords only: the code base writes SQL that way, and prose says "from".
    nonisolated(unsafe) static let namedTable = /\b(?:FROM|JOIN|INTO|UPDATE)\s+([a-z_][a-z0-9_]*)/

    /// Table name to owner ("kernel" or a plugin folder's name).
    var owners: [String: String] = [:]
    /// Plugin name to its source files' text, by path relative to the checkout.
    var pluginSources: [String: [String: String]] = [:]
    /// The demo and bench targets' source files' text, by path relative to the checkout.
    var demoAndBenchSources: [String: String] = [:]

    static func tables(in text: String) -> [String] {
        text.matches(of: createTable).map { String($0.output.1) }
    }

    static func namedTables(in text: String) -> [String] {
        text.matches(of: namedTable).map { String($0.output.1) }
    }

    /// Every table named in a plugin's SQL that another owner's migrations create.
    func violations() -> [Violation] {
        var found: [Violation] = []
        for (plugin, files) in pluginSources {
            for (path, text) in files.sorted(by: { $0.key < $1.key }) {
                for table in Self.namedTables(in: text) {
                    if let owner = owners[table], owner != plugin {
                        found.append(Violation(file: path, table: table, owner: owner))
                    }
                }
            }
        }
        for (path, text) in demoAndBenchSources.sorted(by: { $0.key < $1.key }) {
            for table in Self.namedTables(in: text) {
                found.append(Violation(file: path, table: table, owner: owners[table] ?? "nobody"))
            }
        }
        return found
    }

    /// Reads the kernel's and every plugin's Swift sources under a checkout.
    static func load(checkout: URL) throws -> TableOwnership {
        var ownership = TableOwnership()
        for text in try swiftFiles(under: checkout, "Sources/Dangjian").values {
            for table in tables(in: text) { ownership.owners[table] = "kernel" }
        }
        let pluginsRoot = checkout.appendingPathComponent("plugins")
        for plugin in try FileManager.default.contentsOfDirectory(atPath: pluginsRoot.path).sorted() {
            let files = try swiftFiles(under: checkout, "plugins/\(plugin)/Sources")
            guard !files.isEmpty else { continue }
            ownership.pluginSources[plugin] = files
            for text in files.values {
                for table in tables(in: text) where ownership.owners[table] == nil { ownership.owners[table] = plugin }
            }
        }
        let plugins = try FileManager.default.contentsOfDirectory(atPath: pluginsRoot.path)
        for folder in demoAndBenchFolders(plugins: plugins) {
            ownership.demoAndBenchSources.merge(try swiftFiles(under: checkout, folder)) { first, _ in first }
        }
        return ownership
    }

    static func swiftFiles(under checkout: URL, _ folder: String) throws -> [String: String] {
        let root = checkout.appendingPathComponent(folder)
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return [:] }
        var files: [String: String] = [:]
        for case let relative as String in walker where relative.hasSuffix(".swift") {
            files["\(folder)/\(relative)"] = try String(
                contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
        }
        return files
    }
}

@Suite struct TableOwnershipTests {
    static let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..")
        .standardized

    @Test func pluginSQLNamesOnlyTablesThePluginOwns() throws {
        let ownership = try TableOwnership.load(checkout: Self.checkout)
        #expect(ownership.owners["members"] == "kernel")
        #expect(ownership.owners["council_committees"] == "RegionalCouncil")
        let violations = ownership.violations()
        print("table ownership: \(violations.count) SQL reads on tables a plugin does not own")
        #expect(violations.isEmpty, "plugins name tables they do not own: \(violations)")
    }

    @Test func aPlantedReadOnAnotherOwnersTableFails() {
        var ownership = TableOwnership()
        ownership.owners = ["members": "kernel", "council_units": "RegionalCouncil", "liaison_log": "DualLiaison"]
        ownership.pluginSources["DualLiaison"] = [
            "plugins/DualLiaison/Sources/Planted.swift": """
            let sql = \"\"\"
                SELECT l.id FROM liaison_log l
                JOIN council_units u ON u.id = l.unit_id
                WHERE l.member_id IN (SELECT id FROM members)
                \"\"\"
            """
        ]
        let violations = Set(ownership.violations())
        #expect(
            violations == [
                .init(
                    file: "plugins/DualLiaison/Sources/Planted.swift", table: "council_units", owner: "RegionalCouncil"),
                .init(file: "plugins/DualLiaison/Sources/Planted.swift", table: "members", owner: "kernel"),
            ])
    }

    /// The demo and bench targets own no tables: any SQL there fails, even on a table no one owns.
    @Test func demoAndBenchCodeNamesNoTableAtAll() throws {
        var ownership = TableOwnership()
        ownership.owners = ["members": "kernel", "liaison_log": "DualLiaison"]
        ownership.demoAndBenchSources = [
            "plugins/DualLiaison/Demo/Seed.swift": "INSERT INTO liaison_log (note) VALUES (?)",
            "Sources/DangjianDemo/Planted.swift": "SELECT 1 FROM members",
            "Sources/DangjianBench/Planted.swift": "UPDATE scratch SET n = 1",
        ]
        #expect(
            Set(ownership.violations()) == [
                .init(file: "plugins/DualLiaison/Demo/Seed.swift", table: "liaison_log", owner: "DualLiaison"),
                .init(file: "Sources/DangjianDemo/Planted.swift", table: "members", owner: "kernel"),
                .init(file: "Sources/DangjianBench/Planted.swift", table: "scratch", owner: "nobody"),
            ])
        // The checkout's own demo and bench targets are read, and hold no SQL.
        let checkout = try TableOwnership.load(checkout: Self.checkout)
        #expect(checkout.demoAndBenchSources.keys.contains("plugins/OrgLife/Demo/OrgLifeDemoSeeder.swift"))
        #expect(checkout.demoAndBenchSources.keys.contains("Sources/DangjianBench/SweepRecording.swift"))
        #expect(checkout.violations().filter { checkout.demoAndBenchSources[$0.file] != nil }.isEmpty)
    }
}
