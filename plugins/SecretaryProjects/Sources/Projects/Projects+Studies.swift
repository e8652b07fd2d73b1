import Dangjian
import DangjianLua
import Foundation

/// 每季度至少研究部署1次 (seed 003): the secretary records each session with what was decided.
extension Projects {
    public static let study = Entity("secretary.study", zh: "研究部署", en: "Study session")

    public func recordStudy(of projectID: Int64, _ draft: StudyDraft, by actor: Principal) async throws -> StudySession
    {
        let held = try Validate.requiredDay(draft.heldOn, field: "heldOn")
        let topic = try Validate.text(draft.topic, field: "topic", max: 200)
        let decisions = try Validate.longText(draft.decisions, field: "decisions", max: 10_000)
        return try await host.store.write(actor) { tx in
            let s = tx.session
            try Validate.notFuture(held, field: "heldOn", today: tx.today)
            guard let project = try Self.load([projectID], in: s).first else {
                throw DangjianError.notFound(Self.project)
            }
            try Self.requireReadable(project, actor: actor, in: s)
            let path = try OrganizationRegistry.paths(of: [project.organizationID], in: s)[project.organizationID] ?? ""
            try actor.requireOnVisible(.writeLedger, over: path)
            // A session is recorded while its quarter can still be checked: up to the 5th day after
            // the quarter (when the finding would open). Later, only the programme's organisation
            // enters one, so a missed quarter is not covered up after the fact.
            let quarter = try Period.containing(held, every: "quarter")
            let programme = try Programmes.load(project.programmeID, in: s)
            let programmePath = try OrganizationRegistry.path(
                of: programme.organizationID, in: s, scope: Scope(paths: ["/"]))
            if quarter.end.adding(days: 5) < tx.today, !actor.isSystem,
                !actor.has(.writeLedger, over: programmePath) || programmePath == path
            {
                throw DangjianError.invalid(
                    SecretaryProjectsErrorCode.lateStudy, field: "heldOn",
                    zh: "\(quarter.key) 的研究部署须在季度结束后 5 天内登记，逾期由上级党组织补录",
                    en:
                        "Sessions of \(quarter.key) are recorded within 5 days after the quarter; later, the organisation above enters them"
                )
            }
            let id = try s.insert(
                "INSERT INTO secretary_studies (project_id, held_on, topic, decisions, created_at) VALUES (?, ?, ?, ?, ?)",
                [.integer(projectID), SQLValue(held), .text(topic), .text(decisions), tx.timestamp])
            let session = StudySession(id: id, projectID: projectID, heldOn: held, topic: topic, decisions: decisions)
            try tx.audit(Self.study, id: id, action: "create", path: path, before: StudySession?.none, after: session)
            return session
        }
    }

    public func studies(of projectID: Int64, by actor: Principal) async throws -> [StudySession] {
        try await host.store.read { s in
            guard let project = try Self.load([projectID], in: s).first else {
                throw DangjianError.notFound(Self.project)
            }
            try Self.requireReadable(project, actor: actor, in: s)
            return try s.query(
                "SELECT * FROM secretary_studies WHERE project_id = ? ORDER BY held_on, id", [.integer(projectID)]
            ).map {
                StudySession(
                    id: try $0.int64("id"), projectID: projectID, heldOn: try $0.day("held_on"),
                    topic: try $0.string("topic"),
                    decisions: try $0.string("decisions"))
            }
        }
    }
}
