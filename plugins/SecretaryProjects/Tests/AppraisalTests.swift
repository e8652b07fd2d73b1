import Foundation
import Testing
@testable import Dangjian
import DangjianLua
import DangjianTestSupport
@testable import SecretaryProjects

@Suite struct AppraisalTests {
    @Test func theGroupScoresAgainstTheLuaRubricAndARatingOfPoorOpensACase() async throws {
        let w = try await SecretaryWorld.make()
        defer { Task { await w.t.close() } }
        let project = try await w.project(w.a, secretary: w.secretaryA)
        let appraisal = w.plugin.appraisal(w.t.host)
        let report = try await appraisal.submit(
            project.id, ReportDraft(year: 2026, text: "一年来……\n二、存在问题"), by: Principal.with(.secretary, w.a))
        await expectRefusal("secretary.reportSubmitted", field: "year") {
            _ = try await appraisal.submit(
                project.id, ReportDraft(year: 2026, text: "again"), by: Principal.with(.secretary, w.a))
        }
        await expectRefusal("secretary.backdated", field: "submittedOn") {
            _ = try await appraisal.submit(
                project.id, ReportDraft(year: 2025, text: "旧报告", submittedOn: "2026-01-10"),
                by: Principal.with(.secretary, w.a))
        }
        // No rules loaded yet: the rubric cannot be had.
        await expectRefusal("secretary.rulesNotLoaded") { _ = try await appraisal.rubric(for: report.id, by: .system) }
        let loaded = try await w.rules.start(host: w.t.host)
        defer { withExtendedLifetime(loaded) {} }
        let rubric = try await appraisal.rubric(for: report.id, by: .system)
        #expect(rubric.items.count == 6 && rubric.items[0].item == "规范化强基工程" && rubric.items[0].max == 30)
        #expect(rubric.ref.hasPrefix("score:secretary-report@"))
        let lines = rubric.items.map { ScoreSheetDraft.Line(item: $0.item, points: $0.max / 2) }
        var outOfRange = lines
        outOfRange[0] = .init(item: "规范化强基工程", points: 31)
        await expectRefusal("secretary.scoreOutOfRange", field: "items.0.points") {
            _ = try await appraisal.score(report.id, ScoreSheetDraft(items: outOfRange), by: w.inspector)
        }
        await expectRefusal("secretary.itemNotScored", field: "items") {
            _ = try await appraisal.score(report.id, ScoreSheetDraft(items: Array(lines.dropLast())), by: w.inspector)
        }
        await expectRefusal("secretary.notInGroup") {
            _ = try await appraisal.score(
                report.id, ScoreSheetDraft(items: lines), by: Principal.with(.secretary, w.bureau))
        }
        // 一支部's own secretary, seated in the group, may not score the branch's report.
        _ = try await Programmes(host: w.t.host).setGroup(
            of: w.programme.id,
            LeadershipGroupDraft(members: [
                .init(memberID: w.leader.id, role: "leader"), .init(memberID: w.director.id, role: "officeDirector"),
                .init(memberID: w.secretaryA.id, role: "member"),
            ]), by: .system)
        let own = Principal(
            userID: 502, username: "sec-a", memberID: w.secretaryA.id,
            grants: [.init(role: .secretary, organizationID: w.a.id, path: w.a.path)])
        await expectRefusal("secretary.ownUnit") {
            _ = try await appraisal.score(report.id, ScoreSheetDraft(items: lines), by: own)
        }
        await expectRefusal("secretary.notScored", field: "rating") {
            _ = try await appraisal.rate(report.id, RatingDraft(rating: "good"), by: .system)
        }
        #expect(try await w.t.count("secretary_scores") == 0)
        let scored = try await appraisal.score(report.id, ScoreSheetDraft(items: lines), by: w.inspector)
        #expect(scored.scores.map(\.total) == [50])
        await expectRefusal("secretary.alreadyScored", field: "items") {
            _ = try await appraisal.score(report.id, ScoreSheetDraft(items: lines), by: w.inspector)
        }
        let rated = try await appraisal.rate(report.id, RatingDraft(rating: "poor"), by: .system)
        #expect(rated.rating == .poor && rated.average == 50)
        let caseTask = try await w.t.host.tasks.get(try #require(rated.caseTaskID), by: .system)
        #expect(
            caseTask.kind == "case" && caseTask.responsibleOrganizationID == w.bureau.id
                && caseTask.title.contains("诫勉谈话"))
        await expectRefusal("secretary.alreadyRated", field: "rating") {
            _ = try await appraisal.rate(report.id, RatingDraft(rating: "good"), by: .system)
        }
        #expect(try await w.t.count("tasks", "kind = 'case'") == 1)
        // Nothing happened to the secretary: still the branch's secretary, still a full member.
        #expect(try await w.t.host.organizations.get(w.a.id, by: .system).secretaryMemberID == w.secretaryA.id)
    }

    @Test func aDistrictOverlayReplacesTheRubric() async throws {
        let overlay = try TemporaryFiles.directory([
            "rubric.lua": """
            score("secretary-report", function(org, year)
              return { items = { { item = "实绩", points = 60, evidence = "" }, { item = "群众评价", points = 40, evidence = "" } } }
            end)
            """
        ])
        var bureauID: Int64 = 0
        let w = try await SecretaryWorld.make { _ in }
        bureauID = w.bureau.id
        await w.t.host.stop()
        let rules = RuleLink()
        let plugin = SecretaryProjectsPlugin(rulesDirectory: secretaryRulesDirectory, rules: rules)
        let t = try await TemporaryHost.open(plugins: [plugin]) {
            $0.dataDirectory = w.t.directory.path
            $0.rulesBaseline = kernelRulesDirectory
            $0.rulesDistricts = [.init(directory: overlay, organizationID: bureauID)]
        }
        defer { Task { await t.close() } }
        let project = try await Projects(host: t.host).create(
            ProjectDraft(programmeID: w.programme.id, organizationID: w.a.id, title: "x", items: []), by: .system)
        let appraisal = plugin.appraisal(t.host)
        let report = try await appraisal.submit(project.id, ReportDraft(year: 2026, text: "述职"), by: .system)
        let runtime = try await rules.start(host: t.host)
        defer { withExtendedLifetime(runtime) {} }
        let rubric = try await appraisal.rubric(for: report.id, by: .system)
        #expect(rubric.items.map(\.item) == ["实绩", "群众评价"] && rubric.items.map(\.max) == [60, 40])
        await expectRefusal("validation.badValue", field: "items.0.item") {
            _ = try await appraisal.score(
                report.id, ScoreSheetDraft(items: [.init(item: "规范化强基工程", points: 10)]), by: .system)
        }
        let scored = try await appraisal.score(
            report.id, ScoreSheetDraft(items: [.init(item: "实绩", points: 60), .init(item: "群众评价", points: 35)]),
            by: .system)
        #expect(
            scored.scores.first?.total == 95
                && scored.scores.first?.rubricRef.hasPrefix("score:secretary-report@") == true)
    }
}

extension AppraisalTests {
    /// A rubric changed after the first score sheet does not apply to that report: its sheets all
    /// use the rubric the first one did.
    @Test func aReportsRubricIsFixedByItsFirstScoreSheet() async throws {
        let w = try await SecretaryWorld.make()
        let project = try await w.project(w.a, secretary: w.secretaryA)
        let appraisal = w.plugin.appraisal(w.t.host)
        let report = try await appraisal.submit(project.id, ReportDraft(year: 2026, text: "述职"), by: .system)
        let loaded = try await w.rules.start(host: w.t.host)
        defer { withExtendedLifetime(loaded) {} }
        let baseline = try await appraisal.rubric(for: report.id, by: .system)
        _ = try await appraisal.score(
            report.id, ScoreSheetDraft(items: baseline.items.map { .init(item: $0.item, points: 1) }), by: w.inspector)
        await w.t.host.stop()
        let overlay = try TemporaryFiles.directory([
            "rubric.lua": """
            score("secretary-report", function(org, year) return { items = { { item = "实绩", points = 100, evidence = "" } } } end)
            """
        ])
        let rules = RuleLink()
        let plugin = SecretaryProjectsPlugin(rulesDirectory: secretaryRulesDirectory, rules: rules)
        let t = try await TemporaryHost.open(plugins: [plugin]) {
            $0.dataDirectory = w.t.directory.path
            $0.rulesBaseline = kernelRulesDirectory
            $0.rulesDistricts = [.init(directory: overlay, organizationID: w.bureau.id)]
        }
        defer { Task { await t.close() } }
        let runtime = try await rules.start(host: t.host)
        defer { withExtendedLifetime(runtime) {} }
        let after = try await plugin.appraisal(t.host).rubric(for: report.id, by: .system)
        #expect(after.ref == baseline.ref && after.items == baseline.items)
    }

    /// Issue 13 point 21: a sheet's total and the report's average are shown to two decimals.
    @Test func scoresAreShownToTwoDecimals() async throws {
        let w = try await SecretaryWorld.make()
        defer { Task { await w.t.close() } }
        let project = try await w.project(w.a, secretary: w.secretaryA)
        let appraisal = w.plugin.appraisal(w.t.host)
        let report = try await appraisal.submit(
            project.id, ReportDraft(year: 2026, text: "述职"), by: Principal.with(.secretary, w.a))
        let loaded = try await w.rules.start(host: w.t.host)
        defer { withExtendedLifetime(loaded) {} }
        var lines = try await appraisal.rubric(for: report.id, by: .system).items.map {
            ScoreSheetDraft.Line(item: $0.item, points: $0.max / 2)
        }
        lines[0].points = 10.0 / 3  // instead of 15: the total is 38.333…
        let scored = try await appraisal.score(report.id, ScoreSheetDraft(items: lines), by: w.inspector)
        #expect(scored.scores.map(\.total) == [38.33])
        #expect(try await appraisal.rate(report.id, RatingDraft(rating: "good"), by: .system).average == 38.33)
    }

    /// Issue 13: another unit's secretary rating a report gets what a missing report gets (404), not a 403.
    @Test func aSecretaryElsewhereRatingAReportIsToldItDoesNotExist() async throws {
        let w = try await SecretaryWorld.make()
        defer { Task { await w.t.close() } }
        let project = try await w.project(w.a, secretary: w.secretaryA)
        let appraisal = w.plugin.appraisal(w.t.host)
        let report = try await appraisal.submit(
            project.id, ReportDraft(year: 2026, text: "述职"), by: Principal.with(.secretary, w.a))
        for id in [report.id, 987_654] {
            await expectRefusal("secretary.report.notFound") {
                _ = try await appraisal.rate(id, RatingDraft(rating: "good"), by: Principal.with(.secretary, w.b))
            }
            await expectRefusal("secretary.report.notFound") {
                _ = try await appraisal.get(id, by: Principal.with(.secretary, w.b))
            }
        }
    }
}
