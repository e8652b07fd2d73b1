import Dangjian
import Foundation

/// Each step of a topic's way. The committee's organisation approves, assigns advisors,
/// decides reviews and awards; the lead unit (or the committee) submits review documents and
/// reports results transfers. Each step checks the stage it starts from, so no stage is skipped.
extension Topics {
    enum Decider { case committee, leadUnitOrCommittee }

    public func approve(_ id: Int64, _ draft: TopicStepDraft, by actor: Principal) async throws -> ResearchTopic {
        let on = try Validate.day(draft.on, field: "on")
        let advisor = try Validate.optionalText(draft.advisor, field: "advisor", max: 100)
        let due = try Validate.day(draft.dueOn, field: "dueOn")
        return try await step(id, "approve", by: actor, decider: .committee) { tx, topic in
            try Self.require(topic, in: .applied, toward: "立项 / approval")
            let approved = on ?? tx.today
            try Self.dated(approved, after: topic.appliedOn, field: "on", what: "申报日期 / the application")
            try Validate.notFuture(approved, field: "on", today: tx.today)
            let assigned = advisor ?? topic.advisor
            if topic.level == .district, assigned == nil {
                throw DangjianError.invalid(
                    RegionalCouncilErrorCode.advisorRequired, field: "advisor",
                    zh: "区级课题立项须配备课题指导专家", en: "A district-level topic needs an advisor before it is approved")
            }
            try tx.session.execute(
                "UPDATE council_topics SET stage = ?, approved_on = ?, advisor = ?, updated_at = ? WHERE id = ?",
                [
                    SQLValue(ResearchTopic.Stage.approved), SQLValue(approved), SQLValue(assigned), tx.timestamp,
                    .integer(id),
                ])
            try Self.openReview(
                .kickoff, round: 1, of: id,
                due: try Self.due(due, after: approved, months: ResearchTopic.ReviewKind.kickoff.defaultMonths),
                in: tx.session)
        }
    }

    public func reject(_ id: Int64, _ draft: TopicStepDraft, by actor: Principal) async throws -> ResearchTopic {
        let reason = try Validate.text(draft.reason, field: "reason", max: 500)
        return try await step(id, "reject", by: actor, decider: .committee, note: reason) { tx, topic in
            try Self.require(topic, in: .applied, toward: "不予立项 / rejection")
            try tx.session.execute(
                "UPDATE council_topics SET stage = ?, updated_at = ? WHERE id = ?",
                [SQLValue(ResearchTopic.Stage.rejected), tx.timestamp, .integer(id)])
        }
    }

    /// 配备课题指导专家: at any stage before the conclusion.
    public func assignAdvisor(_ id: Int64, _ draft: TopicStepDraft, by actor: Principal) async throws -> ResearchTopic {
        let advisor = try Validate.text(draft.advisor, field: "advisor", max: 100)
        return try await step(id, "advisor", by: actor, decider: .committee) { tx, topic in
            guard topic.stage.isActive else {
                throw DangjianError.conflict(
                    RegionalCouncilErrorCode.topicClosed, field: "advisor", zh: "课题已\(topic.stage.zh)，不能再配备指导专家",
                    en: "The topic is \(topic.stage.rawValue); it takes no advisor now")
            }
            try tx.session.execute(
                "UPDATE council_topics SET advisor = ?, updated_at = ? WHERE id = ?",
                [.text(advisor), tx.timestamp, .integer(id)])
        }
    }

    /// The lead unit hands in the document of the review now due.
    public func submitReview(_ id: Int64, _ draft: TopicStepDraft, by actor: Principal) async throws -> ResearchTopic {
        let kind: ResearchTopic.ReviewKind = try Validate.enumValue(draft.review, field: "review")
        let document = try Validate.text(draft.document, field: "document", max: 500)
        let on = try Validate.day(draft.on, field: "on")
        return try await step(id, "submit:\(kind.rawValue)", by: actor, decider: .leadUnitOrCommittee) { tx, topic in
            let review = try Self.current(kind, of: topic)
            guard review.submittedOn == nil else {
                throw DangjianError.conflict(
                    RegionalCouncilErrorCode.reviewSubmitted, field: "review", zh: "\(kind.zh)材料已提交，等待评审",
                    en: "The \(kind.rawValue) document is submitted already and awaits its review")
            }
            let submitted = on ?? tx.today
            try Self.datedAfterApproval(submitted, topic, field: "on")
            // Not before the last review was decided (a mid-term cannot be handed in before the
            // kick-off passed, nor a second round before the first was returned).
            if let last = topic.reviews.compactMap(\.reviewedOn).max() {
                try Self.dated(submitted, after: last, field: "on", what: "上一次评审日期 / the previous review")
            }
            // The lead unit hands in today; only the committee enters a document received earlier,
            // so lateness stays on the record.
            let committee = try Councils.readable(topic.committeeID, actor: .system, in: tx.session).path
            if let on, on != tx.today, !tx.actor.has(.writeLedger, over: committee) {
                throw DangjianError.invalid(
                    RegionalCouncilErrorCode.backdated, field: "on",
                    zh: "材料提交日期为提交当日；补录由专委会办理",
                    en: "A document is dated the day it is handed in; the committee enters earlier ones")
            }
            try Validate.notFuture(submitted, field: "on", today: tx.today)
            try tx.session.execute(
                "UPDATE council_reviews SET submitted_on = ?, document = ? WHERE id = ?",
                [SQLValue(submitted), .text(document), .integer(review.id)])
            try tx.session.execute(
                "UPDATE council_topics SET updated_at = ? WHERE id = ?", [tx.timestamp, .integer(id)])
        }
    }

    /// The committee's verdict on a submitted review: passed moves the topic on and opens the
    /// next review; returned (退回修改) keeps the stage and opens a new round with a new due date.
    public func decideReview(_ id: Int64, _ draft: TopicStepDraft, by actor: Principal) async throws -> ResearchTopic {
        let kind: ResearchTopic.ReviewKind = try Validate.enumValue(draft.review, field: "review")
        let outcome: ResearchTopic.Review.Outcome = try Validate.enumValue(draft.outcome, field: "outcome")
        guard outcome != .pending else {
            throw DangjianError.badValue(
                "outcome", zh: "评审结论应为 passed 或 returned", en: "the outcome must be passed or returned")
        }
        let reviewer = try Validate.optionalText(draft.reviewer, field: "reviewer", max: 100)
        let comments = try Validate.optionalText(draft.comments, field: "comments", max: 5000, multiline: true)
        if outcome == .returned, comments == nil { throw DangjianError.required("comments") }
        let on = try Validate.day(draft.on, field: "on")
        let due = try Validate.day(draft.dueOn, field: "dueOn")
        return try await step(id, "\(outcome.rawValue):\(kind.rawValue)", by: actor, decider: .committee) { tx, topic in
            let review = try Self.current(kind, of: topic)
            guard let submitted = review.submittedOn else {
                throw DangjianError.conflict(
                    RegionalCouncilErrorCode.reviewNotSubmitted, field: "review", zh: "\(kind.zh)材料尚未提交，不能评审",
                    en: "The \(kind.rawValue) document has not been submitted; there is nothing to review")
            }
            let reviewed = on ?? tx.today
            try Self.dated(reviewed, after: submitted, field: "on", what: "材料提交日期 / the submission")
            try Validate.notFuture(reviewed, field: "on", today: tx.today)
            let s = tx.session
            try s.execute(
                "UPDATE council_reviews SET outcome = ?, reviewed_on = ?, reviewer = ?, comments = ? WHERE id = ?",
                [SQLValue(outcome), SQLValue(reviewed), SQLValue(reviewer), SQLValue(comments), .integer(review.id)])
            if outcome == .returned {
                try Self.openReview(
                    kind, round: review.round + 1, of: id, due: try Self.due(due, after: reviewed, months: 1), in: s)
            } else {
                try s.execute(
                    "UPDATE council_topics SET stage = ?, updated_at = ? WHERE id = ?",
                    [SQLValue(kind.passes), tx.timestamp, .integer(id)])
                if let next = kind.passes.nextReview {
                    try Self.openReview(
                        next, round: 1, of: id, due: try Self.due(due, after: reviewed, months: next.defaultMonths),
                        in: s)
                }
            }
            if outcome == .returned {
                try s.execute("UPDATE council_topics SET updated_at = ? WHERE id = ?", [tx.timestamp, .integer(id)])
            }
        }
    }

    /// 评审获奖: a concluded topic's award.
    public func award(_ id: Int64, _ draft: TopicStepDraft, by actor: Principal) async throws -> ResearchTopic {
        let scope: ResearchTopic.Award.Scope = try Validate.enumValue(draft.awardScope, field: "awardScope")
        let rank: ResearchTopic.Award.Rank = try Validate.enumValue(draft.awardRank, field: "awardRank")
        let by = try Validate.optionalText(draft.awardedBy, field: "awardedBy", max: 200)
        let on = try Validate.day(draft.on, field: "on")
        return try await step(id, "award", by: actor, decider: .committee) { tx, topic in
            try Self.require(topic, in: .concluded, toward: "评奖 / an award")
            let awarded = on ?? tx.today
            try Self.dated(awarded, after: Self.concludedOn(topic), field: "on", what: "结题日期 / the conclusion")
            try Validate.notFuture(awarded, field: "on", today: tx.today)
            try tx.session.execute(
                """
                UPDATE council_topics SET stage = ?, award_scope = ?, award_rank = ?, awarded_on = ?, awarded_by = ?, updated_at = ? WHERE id = ?
                """,
                [
                    SQLValue(ResearchTopic.Stage.awarded), SQLValue(scope), SQLValue(rank), SQLValue(awarded),
                    SQLValue(by),
                    tx.timestamp, .integer(id),
                ])
        }
    }

    /// Selects a concluded topic's paper for the year's collection (优秀党建论文集).
    public func selectOutstanding(_ id: Int64, by actor: Principal) async throws -> ResearchTopic {
        try await step(id, "outstanding", by: actor, decider: .committee) { tx, topic in
            guard topic.stage == .concluded || topic.stage == .awarded else {
                throw DangjianError.conflict(
                    RegionalCouncilErrorCode.stageSkipped, field: "stage", zh: "课题结题后才能入选优秀论文集",
                    en: "Only a concluded topic can be selected for the collection")
            }
            try tx.session.execute(
                "UPDATE council_topics SET outstanding = 1, updated_at = ? WHERE id = ?", [tx.timestamp, .integer(id)])
        }
    }

    /// 成果转化: where a concluded topic's result was put into practice.
    public func addTransfer(_ id: Int64, _ draft: TransferDraft, by actor: Principal) async throws -> ResearchTopic {
        guard let organization = draft.organizationID else { throw DangjianError.required("organizationID") }
        let description = try Validate.longText(draft.description, field: "description", max: 2000)
        let on = try Validate.day(draft.appliedOn, field: "appliedOn")
        return try await step(id, "transfer", by: actor, decider: .leadUnitOrCommittee) { tx, topic in
            guard topic.stage == .concluded || topic.stage == .awarded else {
                throw DangjianError.conflict(
                    RegionalCouncilErrorCode.stageSkipped, field: "stage", zh: "课题结题后才能登记成果转化",
                    en: "Results are transferred after the conclusion")
            }
            _ = try OrganizationRegistry.path(
                of: organization, in: tx.session, scope: tx.actor.scope(for: .readOrganizations))
            let applied = on ?? tx.today
            try Self.dated(applied, after: Self.concludedOn(topic), field: "appliedOn", what: "结题日期 / the conclusion")
            try Validate.notFuture(applied, field: "appliedOn", today: tx.today)
            _ = try tx.session.insert(
                """
                INSERT INTO council_transfers (topic_id, organization_id, applied_on, description, created_at) VALUES (?, ?, ?, ?, ?)
                """, [.integer(id), .integer(organization), SQLValue(applied), .text(description), tx.timestamp])
        }
    }

    // MARK: Shared by the steps

    /// Loads the topic, checks who may take the step, runs it, and audits the topic before and
    /// after, all in one transaction.
    func step(
        _ id: Int64, _ action: String, by actor: Principal, decider: Decider, note: String? = nil,
        _ body: @escaping @Sendable (Transaction, ResearchTopic) throws -> Void
    ) async throws -> ResearchTopic {
        try await host.store.write(actor) { tx in
            let s = tx.session
            let before = try Self.visible(id, actor: actor, in: s)
            let committee = try Councils.readable(before.committeeID, actor: .system, in: s).path
            let lead = try OrganizationRegistry.paths(of: [before.leadUnitID], in: s)[before.leadUnitID] ?? committee
            let allowed =
                actor.has(.writeLedger, over: committee)
                || (decider == .leadUnitOrCommittee && actor.has(.writeLedger, over: lead))
            guard allowed else {
                throw decider == .committee
                    ? DangjianError.forbidden(
                        zh: "课题的立项、指导专家、评审和评奖由专委会所在党组织办理",
                        en:
                            "only the committee's organisation approves its topics, assigns advisors, decides reviews and awards"
                    )
                    : DangjianError.forbidden(
                        zh: "课题材料由课题承担单位或专委会所在党组织提交",
                        en: "only the topic's lead unit or the committee's organisation hands in its documents")
            }
            try body(tx, before)
            let after = try Self.load([id], in: s)[0]
            try tx.audit(
                entity: Self.topic.rawValue, id: id, action: action, path: lead,
                before: JSONText.encode(before), after: JSONText.encode(Audited(note: note, topic: after)))
            if after.stage != before.stage {
                tx.emit(Event.StageChanged(topicID: id, organizationID: after.leadUnitID, stage: after.stage))
            }
            return after
        }
    }

    struct Audited: Encodable {
        let note: String?
        let topic: ResearchTopic
    }

    static func require(_ topic: ResearchTopic, in stage: ResearchTopic.Stage, toward step: String) throws {
        guard topic.stage == stage else {
            throw DangjianError.conflict(
                RegionalCouncilErrorCode.stageSkipped, field: "stage",
                zh: "课题当前为「\(topic.stage.zh)」，须为「\(stage.zh)」才能\(step.components(separatedBy: " / ")[0])",
                en:
                    "The topic is \(topic.stage.rawValue); \(step.components(separatedBy: " / ").last!) needs it to be \(stage.rawValue)"
            )
        }
    }

    /// The open round of the review the topic's stage calls for; any other review is a skipped stage.
    static func current(_ kind: ResearchTopic.ReviewKind, of topic: ResearchTopic) throws -> ResearchTopic.Review {
        guard topic.stage.nextReview == kind,
            let review = topic.reviews.last(where: { $0.kind == kind && $0.outcome == .pending })
        else {
            let expected = topic.stage.nextReview
            throw DangjianError.conflict(
                RegionalCouncilErrorCode.stageSkipped, field: "review",
                zh: "课题当前为「\(topic.stage.zh)」，" + (expected.map { "下一步是\($0.zh)，不能进行\(kind.zh)" } ?? "不能进行\(kind.zh)"),
                en: "The topic is \(topic.stage.rawValue); "
                    + (expected.map { "its next review is \($0.rawValue), not \(kind.rawValue)" }
                        ?? "it takes no \(kind.rawValue) review"))
        }
        return review
    }

    static func datedAfterApproval(_ day: Day, _ topic: ResearchTopic, field: String) throws {
        guard let approved = topic.approvedOn, day >= approved else {
            throw DangjianError.invalid(
                RegionalCouncilErrorCode.reviewBeforeApproval, field: field,
                zh: "评审材料的日期不能早于课题立项日期 \(topic.approvedOn?.description ?? "")",
                en:
                    "A review cannot be dated before the topic was approved (\(topic.approvedOn?.description ?? "not approved"))"
            )
        }
    }

    static func dated(_ day: Day, after earliest: Day, field: String, what: String) throws {
        guard day >= earliest else {
            let parts = what.components(separatedBy: " / ")
            throw DangjianError.invalid(
                KernelErrorCode.validationDateOrder, field: field,
                zh: "日期不能早于\(parts[0]) \(earliest)", en: "The date cannot be before \(parts.last!) (\(earliest))")
        }
    }

    static func concludedOn(_ topic: ResearchTopic) -> Day {
        topic.reviews.last { $0.kind == .conclusion && $0.outcome == .passed }?.reviewedOn ?? topic.appliedOn
    }

    static func due(_ given: Day?, after day: Day, months: Int) throws -> Day {
        guard let given else { return day.adding(months: months) }
        guard given > day else {
            throw DangjianError.invalid(
                KernelErrorCode.validationDateOrder, field: "dueOn", zh: "截止日期应晚于 \(day)",
                en: "The due date must be after \(day)")
        }
        return given
    }

    static func openReview(
        _ kind: ResearchTopic.ReviewKind, round: Int, of topic: Int64, due: Day, in s: any SQLSession
    ) throws {
        try s.execute(
            "INSERT INTO council_reviews (topic_id, kind, round, due_on, outcome) VALUES (?, ?, ?, ?, ?)",
            [
                .integer(topic), SQLValue(kind), SQLValue(round), SQLValue(due),
                SQLValue(ResearchTopic.Review.Outcome.pending),
            ])
    }
}
