import Foundation
import Testing
@testable import Dangjian
@testable import DangjianLua

@Suite struct FixtureRunnerTests {
    static let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "../../scripts"
    ).standardized.path

    /// The kernel's baseline. The example district also overrides an OrgLife rule, so its
    /// fixtures run in the OrgLife tests, where the plugin is compiled in.
    @Test func theShippedFixturesPass() async throws {
        let rules = RuleSet(baseline: try RulePack.load(directory: Self.scripts + "/rules").get())
        let fixtures = try FixtureRunner.fixtures(in: Self.scripts + "/rules", limits: LuaLimits())
        #expect(fixtures.count >= 3)
        let runner = FixtureRunner(rules: rules, limits: LuaLimits())
        for (file, fixture) in fixtures {
            let outcome = await runner.run(file: file, fixture: fixture)
            #expect(outcome.passed, "\(outcome.name): \(outcome.problem ?? "")")
        }
    }

    @Test func aWrongOrMissingExpectationFails() async throws {
        let runner = FixtureRunner(
            rules: RuleSet(baseline: try RulePack.load(directory: Self.scripts + "/rules").get()), limits: LuaLimits())
        let organizations: LuaValue = [["key": "b", "name": "一中支部", "kind": "branch", "term_start": "2024-02-29"]]
        let wrong = await runner.run(
            file: "x",
            fixture: [
                "name": "wrong", "today": "2027-01-29", "organizations": organizations,
                "expect": [["rule": "term-ends-soon", "organization": "b", "contains": "2027-03-01"]],
            ])
        #expect(wrong.problem?.contains("expected term-ends-soon") == true)
        #expect(wrong.problem?.contains("unexpected term-ends-soon") == true)
        let silent = await runner.run(
            file: "x",
            fixture: [
                "name": "silent", "today": "2027-01-29", "organizations": organizations,
                "expect": .table(LuaTable()),
            ])
        #expect(silent.problem?.contains("unexpected") == true)
        let badData = await runner.run(
            file: "x",
            fixture: [
                "name": "bad", "today": "2027-01-29",
                "organizations": [["key": "b", "name": "一中支部", "kind": "club"]],
            ])
        #expect(badData.problem?.contains("fixture data refused") == true)
    }
}
