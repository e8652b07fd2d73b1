import Testing
@testable import Dangjian
import DangjianTestSupport

/// A small plugin, as a campaign module would be: its own table, a task kind, an event
/// handler and a scheduled job.
struct SamplePlugin: HostPlugin {
    var id = "sample"
    var title = "示例活动"
    var dependencies: [String] = []

    var migrations: [Migration] {
        [
            Migration(
                module: "sample", version: 1, name: "sample ledger",
                sql: [
                    "CREATE TABLE sample_ledger (id {id}, organization_id INTEGER NOT NULL REFERENCES organizations (id), note TEXT NOT NULL)"
                ])
        ]
    }

    func register(into context: PluginContext) throws {
        context.taskKind("sample.visit", title: "走访任务")
        context.notificationKind("sample.digest", title: "示例摘要")
        let store = context.host.store
        context.on(HostEvent.Name.organizationCreated) { event in
            _ = try await store.write(.system) { tx in
                try tx.session.execute(
                    "INSERT INTO sample_ledger (organization_id, note) VALUES (?, ?)",
                    [.integer(event.entityID!), .text("seen \(event.payload["name"] ?? "")")])
            }
        }
        try context.schedule(
            ScheduledJob(id: "sample.daily", title: "示例", cadence: .daily(hour: 3, minute: 0)) { _ in })
    }
}

struct Named: HostPlugin {
    let id: String
    var title: String { id }
    var dependencies: [String]
    func register(into context: PluginContext) throws {}
}

@Suite struct PluginTests {
    @Test func ordersByDependencyAndRefusesMissingOrCyclicOnes() throws {
        let set = try PluginSet(
            available: [
                Named(id: "brand", dependencies: ["secretary"]), Named(id: "secretary", dependencies: []),
                Named(id: "council", dependencies: []), Named(id: "liaison", dependencies: ["council"]),
            ],
            disabledIDs: [])
        #expect(set.ids == ["brand", "secretary", "council", "liaison"].sorted().reorderedByDependencies())
        #expect(set.ids.firstIndex(of: "secretary")! < set.ids.firstIndex(of: "brand")!)
        #expect(set.ids.firstIndex(of: "council")! < set.ids.firstIndex(of: "liaison")!)

        #expect(throws: PluginError.missingDependency(plugin: "liaison", dependency: "council")) {
            try PluginSet(available: [Named(id: "liaison", dependencies: ["council"])], disabledIDs: [])
        }
        // Switching off a plugin that another needs is the same error.
        #expect(throws: PluginError.missingDependency(plugin: "liaison", dependency: "council")) {
            try PluginSet(
                available: [Named(id: "council", dependencies: []), Named(id: "liaison", dependencies: ["council"])],
                disabledIDs: ["council"])
        }
        #expect(throws: PluginError.cycle(["a", "b", "c", "a"])) {
            try PluginSet(
                available: [
                    Named(id: "a", dependencies: ["b"]), Named(id: "b", dependencies: ["c"]),
                    Named(id: "c", dependencies: ["a"]),
                ],
                disabledIDs: [])
        }
        #expect(throws: PluginError.unknown("dues")) { try PluginSet(available: [], disabledIDs: ["dues"]) }
        #expect(throws: PluginError.duplicate("a")) {
            try PluginSet(
                available: [Named(id: "a", dependencies: []), Named(id: "a", dependencies: [])], disabledIDs: [])
        }
    }

    @Test func aPluginMigratesRegistersAndReceivesEvents() async throws {
        let t = try await TestHost.make(plugins: [SamplePlugin()])
        let root = try await t.host.organizations.create(
            .init(parentID: nil, name: "区委", kind: "committee"), by: .system)
        await t.host.events.settle()
        #expect(try await t.count("sample_ledger", "organization_id = \(root.id) AND note = 'seen 区委'") == 1)
        #expect(t.host.kinds.allTaskKinds.contains { $0.id == "sample.visit" && $0.owner == "sample" })
        #expect(t.host.scheduler.jobIDs.contains("sample.daily"))
        let versions = try await Migrator(database: t.host.database).appliedVersions()
        #expect(versions["sample"] == 1 && versions["kernel.members"] == 2)
        _ = try await t.host.tasks.create(
            TaskDraft(
                issuerOrganizationID: root.id, responsibleOrganizationID: root.id, kind: "sample.visit",
                title: "走访", dueOn: "2026-07-01"), by: .system)
        await t.close()
    }

    @Test func aSwitchedOffPluginRegistersNothing() async throws {
        let t = try await TestHost.make(plugins: [SamplePlugin()], disabled: ["sample"])
        #expect(!t.host.scheduler.jobIDs.contains("sample.daily"))
        #expect(!t.host.kinds.allTaskKinds.contains { $0.id == "sample.visit" })
        await t.close()
    }

    @Test func jobsMustCarryThePluginPrefix() async throws {
        struct Sloppy: HostPlugin {
            var id = "sloppy"
            var title = "x"
            func register(into context: PluginContext) throws {
                try context.schedule(
                    ScheduledJob(id: "daily", title: "x", cadence: .daily(hour: 1, minute: 0)) { _ in })
            }
        }
        await #expect(throws: PluginError.badJobID(plugin: "sloppy", job: "daily")) {
            _ = try await TestHost.make(plugins: [Sloppy()])
        }
    }
}

extension [String] {
    /// The order the registry must produce for the plugins in the first test: dependencies
    /// first, otherwise alphabetical.
    func reorderedByDependencies() -> [String] { ["secretary", "brand", "council", "liaison"] }
}
