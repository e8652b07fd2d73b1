import Foundation
import Testing
@testable import Dangjian
import DangjianTestSupport
@testable import BrandCreation

/// A brand's way from the application to recognition, every step and every refusal, through the
/// real SQLite store.
@Suite struct BrandStageTests {
    @Test func aBranchBrandGoesAllTheWayWithItsPlanAsTasksAuditsAndEvents() async throws {
        let w = try await BrandWorld.make()
        defer { Task { await w.t.close() } }
        let secretary = Principal.with(.secretary, w.chinese)
        let parent = Principal.with(.secretary, w.department, userID: 8)
        var brand = try await w.brands.apply(w.draft(w.chinese, .modelBranch, lead: w.zhang), by: secretary)
        #expect(brand.stage == .applied && brand.stageSince == Day("2026-01-10"))
        let task = try await w.t.host.tasks.get(brand.planTaskIDs[0], by: .system)
        #expect(
            task.kind == Brands.taskKind && task.responsibleMemberID == w.zhang.id && task.acceptanceCriteria == "示范岗挂牌"
        )
        // The organisation above issues the plan's items, so the branch cannot sign off its own.
        #expect(task.issuerOrganizationID == w.department.id && task.responsibleOrganizationID == w.chinese.id)
        _ = try await w.t.host.tasks.transition(task.id, TaskTransition(status: "submitted", note: "挂牌"), by: secretary)
        await expectRefusal("auth.forbidden") {
            _ = try await w.t.host.tasks.transition(task.id, TaskTransition(status: "accepted"), by: secretary)
        }
        _ = try await w.t.host.tasks.transition(task.id, TaskTransition(status: "accepted"), by: parent)
        brand = try await w.brands.approve(brand.id, .init(on: "2026-01-20"), by: parent)
        #expect(brand.stage == .approved)
        brand = try await w.brands.start(brand.id, .init(on: "2026-02-01"), by: secretary)
        #expect(brand.stage == .inCreation)
        for item in 1...7 {
            brand = try await w.brands.addEvidence(brand.id, .init(item: item, note: "第\(item)项材料"), by: secretary)
        }
        #expect(brand.gaps.isEmpty && brand.checklist.map(\.text).first == "教育党员有力")
        brand = try await w.brands.assess(brand.id, .init(on: "2026-05-01", opinion: "创建扎实"), by: parent)
        #expect(brand.stage == .assessed)
        brand = try await w.brands.recognise(brand.id, .init(on: "2026-05-10"), by: parent)
        #expect(brand.stage == .recognised && brand.recognisedOn == Day("2026-05-10"))
        #expect(try await w.t.count("audit_log", "entity = 'brand.brand'") == 12)
        #expect(try await w.t.count("audit_log", "entity = 'task'") == 3)  // created, submitted, accepted
    }

    @Test func stagesAreNotSkippedAndOnlyTheOrganisationAboveDecides() async throws {
        let w = try await BrandWorld.make()
        defer { Task { await w.t.close() } }
        let secretary = Principal.with(.secretary, w.chinese)
        let brand = try await w.brands.apply(w.draft(w.chinese, .modelBranch, lead: w.zhang), by: secretary)
        await expectRefusal("auth.forbidden") { _ = try await w.brands.approve(brand.id, .init(), by: secretary) }
        await expectRefusal("brand.stageSkipped", field: "stage") {
            _ = try await w.brands.start(brand.id, .init(), by: .system)
        }
        await expectRefusal("brand.stageSkipped") {
            _ = try await w.brands.assess(brand.id, .init(opinion: "好"), by: .system)
        }
        await expectRefusal("brand.stageSkipped") { _ = try await w.brands.recognise(brand.id, .init(), by: .system) }
        await expectRefusal("brand.stageSkipped") { _ = try await w.brands.resubmit(brand.id, .init(), by: secretary) }
        await expectRefusal("brand.stageSkipped") {
            _ = try await w.brands.promote(brand.id, .init(practice: "做法"), by: .system)
        }
        await expectRefusal("brand.stageSkipped") {
            _ = try await w.brands.addEvidence(brand.id, .init(item: 1, note: "材料"), by: secretary)
        }
        await expectRefusal("validation.dateOrder", field: "on") {
            _ = try await w.brands.approve(brand.id, .init(on: "2026-01-09"), by: .system)
        }
        await expectRefusal("validation.required", field: "opinion") {
            _ = try await w.brands.approve(brand.id, .init(on: "2026-01-20"), by: .system)
            _ = try await w.brands.start(brand.id, .init(), by: secretary)
            _ = try await w.brands.assess(brand.id, .init(), by: .system)
        }
        // Outside the subtree the brand does not exist.
        await expectRefusal("brand.brand.notFound") {
            _ = try await w.brands.get(brand.id, by: .with(.secretary, w.branchB))
        }
        #expect(try await w.brands.get(brand.id, by: .system).stage == .inCreation)
    }

    @Test func aUnitWithoutAParentNeverDecidesOnItsOwnBrandOnlyADistrictAdminDoes() async throws {
        let w = try await BrandWorld.make()
        defer { Task { await w.t.close() } }
        // 区委 is the root: its secretary applies and works, but approving, assessing, returning,
        // recognising and promoting its own brand is refused; a district admin over it decides.
        let secretary = Principal.with(.secretary, w.district)
        var brand = try await w.brands.apply(w.draft(w.district, .demonstration, lead: w.zhang), by: secretary)
        let audits = try await w.t.count("audit_log", "entity = 'brand.brand'")
        let refusal = await expectRefusal("brand.noParent", field: "stage") {
            _ = try await w.brands.approve(brand.id, .init(), by: secretary)
        }
        #expect(refusal?.kind == .forbidden && refusal?.zh.isEmpty == false && refusal?.en.isEmpty == false)
        await expectRefusal("brand.noParent") {
            _ = try await w.brands.returnBrand(brand.id, .init(reason: "x"), by: secretary)
        }
        #expect(try await w.brands.get(brand.id, by: .system).stage == .applied)
        #expect(try await w.t.count("audit_log", "entity = 'brand.brand'") == audits)
        // A district admin of a subtree below the root does not even see it.
        await expectRefusal("brand.brand.notFound") {
            _ = try await w.brands.approve(brand.id, .init(), by: .with(.districtAdmin, w.bureau))
        }
        let admin = Principal.with(.districtAdmin, w.district, userID: 7)
        brand = try await w.brands.approve(brand.id, .init(on: "2026-01-20"), by: admin)
        brand = try await w.brands.start(brand.id, .init(on: "2026-02-01"), by: secretary)
        for item in 1...Tier.demonstration.checklist.count {
            brand = try await w.brands.addEvidence(brand.id, .init(item: item, note: "材料"), by: secretary)
        }
        await expectRefusal("brand.noParent") {
            _ = try await w.brands.assess(brand.id, .init(opinion: "自评通过"), by: secretary)
        }
        brand = try await w.brands.assess(brand.id, .init(on: "2026-05-01", opinion: "通过"), by: admin)
        await expectRefusal("brand.noParent") { _ = try await w.brands.recognise(brand.id, .init(), by: secretary) }
        brand = try await w.brands.recognise(brand.id, .init(on: "2026-05-10"), by: admin)
        await expectRefusal("brand.noParent") {
            _ = try await w.brands.promote(brand.id, .init(practice: "做法"), by: secretary)
        }
        #expect(brand.stage == .recognised && brand.promotedOn == nil)
    }

    @Test func recognitionWithGapsIsRefusedNamingThemAndNothingChanges() async throws {
        let w = try await BrandWorld.make()
        defer { Task { await w.t.close() } }
        var brand = try await w.brand(
            w.department, .benchmarkDepartment, lead: w.zhang, to: .inCreation, evidence: false)
        brand = try await w.brands.addEvidence(brand.id, .init(item: 1, note: "材料"), by: .system)
        brand = try await w.brands.assess(brand.id, .init(opinion: "基本达标"), by: .system)
        let refusal = await expectRefusal("brand.checklistGaps", field: "evidence") {
            _ = try await w.brands.recognise(brand.id, .init(), by: .system)
        }
        #expect(
            refusal?.zh.contains("五个到位") == true && refusal?.zh.contains("4 项") == true
                && refusal?.zh.contains("2. 参与决策到位") == true)
        #expect(try await w.brands.get(brand.id, by: .system).stage == .assessed)
        await expectRefusal("validation.badValue", field: "item") {
            _ = try await w.brands.addEvidence(brand.id, .init(item: 6, note: "材料"), by: .system)
        }
        for item in 2...5 {
            brand = try await w.brands.addEvidence(brand.id, .init(item: item, note: "材料"), by: .system)
        }
        #expect(try await w.brands.recognise(brand.id, .init(), by: .system).stage == .recognised)
    }

    @Test func aReturnedApplicationIsResubmittedAndAReturnedAssessmentGoesBackToCreation() async throws {
        let w = try await BrandWorld.make()
        defer { Task { await w.t.close() } }
        let secretary = Principal.with(.secretary, w.branchB)
        var brand = try await w.brands.apply(w.draft(w.branchB, .modelBranch, lead: w.li), by: secretary)
        await expectRefusal("validation.required", field: "reason") {
            _ = try await w.brands.returnBrand(brand.id, .init(), by: .system)
        }
        brand = try await w.brands.returnBrand(brand.id, .init(reason: "评价标准不具体"), by: .system)
        #expect(brand.stage == .returned && brand.returnReason == "评价标准不具体" && brand.returnedFrom == .applied)
        brand = try await w.brands.resubmit(brand.id, .init(idea: "细化后的理念"), by: secretary)
        #expect(brand.stage == .applied && brand.idea == "细化后的理念" && brand.returnReason == nil)
        let assessed = try await w.brand(w.branchC, .modelBranch, lead: w.wang, to: .assessed)
        let back = try await w.brands.returnBrand(assessed.id, .init(reason: "成效材料不足"), by: .system)
        #expect(try await w.brands.resubmit(back.id, .init(), by: .with(.secretary, w.branchC)).stage == .inCreation)
        let inCreation = try await w.brands.get(back.id, by: .system)
        await expectRefusal("brand.stageSkipped") {
            _ = try await w.brands.returnBrand(inCreation.id, .init(reason: "x"), by: .system)
        }
    }

    @Test func aReturnedApplicationComesBackRevisedInFullCheckedAgainAndReplanned() async throws {
        let w = try await BrandWorld.make()
        defer { Task { await w.t.close() } }
        let secretary = Principal.with(.secretary, w.department)
        var brand = try await w.brands.apply(w.draft(w.department, .benchmarkDepartment, lead: w.zhang), by: secretary)
        let firstTasks = brand.planTaskIDs
        brand = try await w.brands.returnBrand(brand.id, .init(reason: "载体不具体"), by: .system)
        // Every revised part is checked as in the application; a refusal writes nothing.
        let audits = try await w.t.count("audit_log")
        await expectRefusal("brand.tierMismatch", field: "tier") {
            _ = try await w.brands.resubmit(brand.id, .init(tier: Tier.modelBranch.rawValue), by: secretary)
        }
        await expectRefusal("validation.required", field: "carriers") {
            _ = try await w.brands.resubmit(brand.id, .init(carriers: []), by: secretary)
        }
        await expectRefusal("validation.required", field: "plan.0.responsibleMemberID") {
            _ = try await w.brands.resubmit(
                brand.id, .init(plan: [.init(title: "新计划", dueOn: "2026-10-30", acceptanceCriteria: "完成")]),
                by: secretary)
        }
        await expectRefusal("validation.required", field: "plan") {
            _ = try await w.brands.resubmit(brand.id, .init(plan: []), by: secretary)
        }
        #expect(try await w.t.count("audit_log") == audits)
        #expect(try await w.t.count("tasks") == firstTasks.count)
        #expect(try await w.brands.get(brand.id, by: .system).stage == .returned)
        brand = try await w.brands.resubmit(
            brand.id,
            .init(
                idea: "支部建在课题组上", name: "课题先锋", carriers: ["课题攻坚党小组"],
                activityForms: ["课题组主题党日"], standards: ["课题结题率 100%"],
                plan: [
                    .init(
                        title: "组建课题攻坚党小组", responsibleMemberID: w.zhang.id,
                        dueOn: "2026-10-30", acceptanceCriteria: "党小组成立")
                ]), by: secretary)
        #expect(
            brand.stage == .applied && brand.name == "课题先锋" && brand.idea == "支部建在课题组上"
                && brand.tier == .benchmarkDepartment)
        #expect(
            brand.carriers == ["课题攻坚党小组"] && brand.activityForms == ["课题组主题党日"] && brand.standards == ["课题结题率 100%"])
        // The new plan's task is opened beside the earlier plan's, which stays for the unit to close.
        #expect(brand.planTaskIDs.count == firstTasks.count + 1 && brand.planTaskIDs.starts(with: firstTasks))
        #expect(try await w.t.host.tasks.get(brand.planTaskIDs.last!, by: .system).title == "组建课题攻坚党小组")
        // After a return at the assessment only the idea may change.
        let assessed = try await w.brand(w.branchC, .modelBranch, lead: w.wang, to: .assessed)
        let back = try await w.brands.returnBrand(assessed.id, .init(reason: "成效材料不足"), by: .system)
        await expectRefusal("brand.revisionAfterAssessment", field: "stage") {
            _ = try await w.brands.resubmit(back.id, .init(name: "新名称"), by: .with(.secretary, w.branchC))
        }
        #expect(
            try await w.brands.resubmit(back.id, .init(idea: "新理念"), by: .with(.secretary, w.branchC)).idea == "新理念")
    }

    @Test func oneUnitOneBrandAndTheTierMustFitTheUnit() async throws {
        let w = try await BrandWorld.make()
        defer { Task { await w.t.close() } }
        _ = try await w.brands.apply(w.draft(w.branchB, .modelBranch, lead: w.li), by: .system)
        await expectRefusal("brand.unitHasBrand", field: "organizationID") {
            _ = try await w.brands.apply(w.draft(w.branchB, .modelBranch, lead: w.li), by: .system)
        }
        #expect(try await w.t.count("brand_brands") == 1)
        #expect(try await w.t.count("tasks") == 1)  // the refused application's plan left no task
        await expectRefusal("brand.tierMismatch", field: "tier") {
            _ = try await w.brands.apply(w.draft(w.branchC, .demonstration, lead: w.wang), by: .system)
        }
        await expectRefusal("brand.tierMismatch") {
            _ = try await w.brands.apply(w.draft(w.department, .modelBranch, lead: w.zhang), by: .system)
        }
        var noPerson = w.draft(w.branchC, .modelBranch, lead: w.wang)
        noPerson.plan?[0].responsibleMemberID = nil
        await expectRefusal("validation.required", field: "plan.0.responsibleMemberID") {
            _ = try await w.brands.apply(noPerson, by: .system)
        }
        var outsider = w.draft(w.branchC, .modelBranch, lead: w.li)
        outsider.plan?[0].dueOn = "2026-10-01"
        await expectRefusal("task.responsibleMemberOutside") { _ = try await w.brands.apply(outsider, by: .system) }
        await expectRefusal("auth.forbidden") {
            _ = try await w.brands.apply(w.draft(w.branchC, .modelBranch, lead: w.wang), by: .with(.auditor, w.branchC))
        }
        #expect(try await w.t.count("brand_brands") == 1)
    }

    @Test func aRecognisedPracticeIsPromotedAdoptedElsewhereAndReported() async throws {
        let w = try await BrandWorld.make()
        defer { Task { await w.t.close() } }
        let brand = try await w.brand(w.branchB, .modelBranch, lead: w.li, to: .recognised)
        let promotions = Promotions(host: w.t.host)
        await expectRefusal("brand.notPromoted") {
            _ = try await promotions.adopt(brand.id, .init(organizationID: w.branchC.id), by: .system)
        }
        // A unit that cannot read the brand learns nothing: unknown and not promoted look alike.
        let secC = Principal.with(.secretary, w.branchC)
        await expectRefusal("brand.brand.notFound") {
            _ = try await promotions.adopt(brand.id, .init(organizationID: w.branchC.id), by: secC)
        }
        await expectRefusal("brand.brand.notFound") {
            _ = try await promotions.adopt(9999, .init(organizationID: w.branchC.id), by: secC)
        }
        await expectRefusal("brand.brand.notFound") { _ = try await promotions.adoptions(of: brand.id, by: secC) }
        #expect(try await promotions.practices(by: secC).isEmpty)
        #expect(try await w.t.count("brand_adoptions") == 0)
        await expectRefusal("auth.forbidden") {
            _ = try await w.brands.promote(brand.id, .init(practice: "做法"), by: .with(.secretary, w.branchB))
        }
        let promoted = try await w.brands.promote(brand.id, .init(practice: "党员示范岗进课堂"), by: .system)
        #expect(promoted.promotedPractice == "党员示范岗进课堂" && promoted.promotedOn == w.t.today)
        await expectRefusal("brand.ownPractice") {
            _ = try await promotions.adopt(brand.id, .init(organizationID: w.branchB.id), by: .system)
        }
        let adoption = try await promotions.adopt(
            brand.id, .init(organizationID: w.branchC.id), by: .with(.secretary, w.branchC))
        await expectRefusal("brand.alreadyAdopted") {
            _ = try await promotions.adopt(brand.id, .init(organizationID: w.branchC.id), by: .system)
        }
        let reported = try await promotions.report(
            adoption.id, .init(results: "设立示范岗 3 个"), by: .with(.secretary, w.branchC))
        #expect(reported.results == "设立示范岗 3 个" && reported.reportedOn == w.t.today)
        #expect(try await promotions.adoptions(of: brand.id, by: .system).map(\.organizationName) == ["三中党支部"])
        // The brand's own secretary cannot see 三中, so its adoption is not listed to them; 三中 sees its own.
        #expect(try await promotions.adoptions(of: brand.id, by: .with(.secretary, w.branchB)).isEmpty)
        #expect(try await promotions.adoptions(of: brand.id, by: secC).map(\.results) == ["设立示范岗 3 个"])
        #expect(try await promotions.adoptions(of: brand.id, by: .with(.secretary, w.chinese)).isEmpty)
        // Every caller reads the promoted practices: what to adopt, not who.
        let practices = try await promotions.practices(by: .with(.member, w.chinese, memberID: w.zhang.id))
        #expect(
            practices.map(\.brandID) == [brand.id] && practices[0].practice == "党员示范岗进课堂"
                && practices[0].carriers == brand.carriers)
    }
}
