import Foundation
import Testing
@testable import Dangjian
@testable import DangjianLua
import DangjianTestSupport

/// Issue 13, point 2: a binding added to the configuration file of a running host takes
/// effect on reload, without a restart; a configuration with problems is refused whole.
@Suite struct RuleReloadTests {
    func writeConfiguration(_ file: URL, baseline: String, districts: String) throws {
        try """
        rules:
          baseline: \(baseline)
          calendar: ""
          districts: \(districts)
        """.write(to: file, atomically: true, encoding: .utf8)
    }

    @Test func aBindingAddedToTheFileIsAppliedOnReload() async throws {
        let baseline = try TemporaryFiles.directory([
            "a.lua": """
            reminder { id = "meeting", title = "支部每月开会", source = "测试", applies_to = { kind = "branch" }, every = "month",
              done = function() return true end, notify = { before_end = 3, to = "secretary" } }
            """
        ])
        let district = try TemporaryFiles.directory([
            "visit.lua": """
            reminder { id = "district-visit", title = "走访社区", source = "区委文件", applies_to = { kind = "branch" }, every = "quarter",
              done = function() return true end, notify = { before_end = 7, to = "secretary" } }
            """
        ])
        let file = URL(fileURLWithPath: try TemporaryFiles.directory([:])).appendingPathComponent("dangjian.yaml")
        try writeConfiguration(file, baseline: baseline, districts: "[]")
        let read: @Sendable () async throws -> HostConfiguration = {
            try await HostConfiguration.load(file: file.path, environment: [:])
        }
        let started = try await read()
        let t = try await TemporaryHost.open {
            $0.rulesBaseline = started.rulesBaseline
            $0.rulesCalendar = started.rulesCalendar
        }
        let root = try await t.host.organizations.create(
            .init(parentID: nil, name: "区委", kind: "committee"), by: .system)
        let branch = try await t.host.organizations.create(
            .init(parentID: root.id, name: "一中支部", kind: "branch"), by: .system)
        let runtime = try await RuleRuntime.start(host: t.host, readConfiguration: read)
        #expect(runtime.status.packs.map(\.boundTo) == [nil])

        try writeConfiguration(file, baseline: baseline, districts: "[\(district)=\(root.id)]")
        guard case .success(let packs) = try await runtime.reload() else {
            Issue.record("the new binding was refused"); return
        }
        #expect(packs.contains { $0.boundTo == root.id && $0.rules == ["district-visit"] })
        #expect(runtime.engine.rules.explain(path: branch.path).map(\.rule).sorted() == ["district-visit", "meeting"])

        // A binding to an organisation that does not exist is refused whole: the running set stays.
        try writeConfiguration(file, baseline: baseline, districts: "[\(district)=99999]")
        guard case .failure(let errors) = try await runtime.reload() else {
            Issue.record("a bad binding was loaded"); return
        }
        #expect(errors.problems.contains { $0.message.contains("does not exist") })
        #expect(runtime.status.packs.contains { $0.boundTo == root.id })

        // A configuration file that no longer parses is refused too, naming the problem.
        try "rules:\n  nosuchkey: 1\n".write(to: file, atomically: true, encoding: .utf8)
        guard case .failure(let broken) = try await runtime.reload() else {
            Issue.record("a broken file was used"); return
        }
        #expect(broken.problems.contains { $0.message.contains("rules.nosuchkey") })
        #expect(runtime.status.packs.contains { $0.boundTo == root.id })
        await t.close()
    }
}
