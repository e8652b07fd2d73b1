import Foundation

extension MemberRegistry {
    /// Registers a member, audits it and emits `member.created`. The organisation must be in the caller's subtree
    /// (404 otherwise) with `writeMembers` over it, and not archived; the draft is checked by `validate(_:today:)`.
    public func create(_ draft: MemberDraft, by actor: Principal) async throws -> Member {
        let member = try Self.validate(draft, today: store.clock.today())
        return try await store.write(actor) { tx in
            let organization = try Self.checkHoldingOrganization(member.organizationID, in: tx.session, actor: actor)
            let created = try Self.insert(member, in: tx, path: organization.path)
            return Self.present(created, path: organization.path, to: actor)
        }
    }

    /// Inserts a validated member, audits it and emits `member.created`. Used by `create`, the
    /// CSV import and the demo loader, so all three take the same write path.
    static func insert(_ member: Member, in tx: Transaction, path: String) throws -> Member {
        let s = tx.session
        if let idNumber = member.idNumber,
            try s.queryOne("SELECT id FROM members WHERE id_number = ?", [.text(idNumber)]) != nil
        {
            throw duplicateIDNumber
        }
        let id = try s.insert(
            """
            INSERT INTO members (organization_id, name, gender, id_number, birth_date, phone, status, applied_on, activist_on,
                candidate_on, admitted_on, full_on, retired, flowing, flowing_to, lost_contact, lost_contact_since,
                talked_on, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .integer(member.organizationID), .text(member.name), SQLValue(member.gender), SQLValue(member.idNumber),
                SQLValue(member.birthDate), SQLValue(member.phone), SQLValue(member.status), SQLValue(member.appliedOn),
                SQLValue(member.activistOn), SQLValue(member.candidateOn), SQLValue(member.admittedOn),
                SQLValue(member.fullOn), SQLValue(member.retired), SQLValue(member.flowing), SQLValue(member.flowingTo),
                SQLValue(member.lostContact), SQLValue(member.lostContactSince), SQLValue(member.talkedOn),
                tx.timestamp, tx.timestamp,
            ])
        var created = member
        created.id = id
        created.createdAt = tx.now
        created.updatedAt = tx.now
        // The audit log is readable by auditors who may not unmask, so it keeps the masked form.
        try tx.audit(.member, id: id, action: "create", path: path, before: Member?.none, after: created.masked())
        tx.emit(MemberCreated(memberID: id, organizationID: member.organizationID, status: member.status))
        return created
    }

    /// Applies a patch of contact data and flags, audits it and emits `member.updated`. A member outside the
    /// caller's subtree answers 404; a resident ID another member holds is a conflict.
    public func update(_ id: Int64, _ patch: MemberPatch, by actor: Principal) async throws -> Member {
        let today = store.clock.today()
        let name = try patch.name.map { try Validate.text($0, field: "name", max: 50) }
        let gender: Member.Gender? = try patch.gender.map { try Validate.enumValue($0, field: "gender") }
        let resident = try patch.idNumber.map { try Self.parseResidentID($0, today: today) }
        let phone = try patch.phone.map { try Validate.text($0, field: "phone", max: 11) }
        try Self.checkPhone(phone)
        let flowingTo = try Validate.optionalText(patch.flowingTo, field: "flowingTo", max: 200)
        let lostSince = try Validate.day(patch.lostContactSince, field: "lostContactSince")
        // "" clears a talk entered by mistake, so the one-month reminder speaks again.
        let talkedOn = patch.talkedOn == "" ? nil : try Validate.day(patch.talkedOn, field: "talkedOn")

        return try await store.write(actor) { tx in
            let (before, path) = try Self.writable(id, in: tx.session, actor: actor)
            var after = before
            if let name { after.name = name }
            if let gender { after.gender = gender }
            if let resident {
                if resident.value != before.idNumber,
                    try tx.session.queryOne("SELECT id FROM members WHERE id_number = ?", [.text(resident.value)])
                        != nil
                {
                    throw Self.duplicateIDNumber
                }
                after.idNumber = resident.value
                after.birthDate = resident.birthDate
                after.gender = resident.isMale ? .male : .female
            }
            if let phone { after.phone = phone }
            if let retired = patch.retired { after.retired = retired }
            if let flowing = patch.flowing { after.flowing = flowing; if !flowing { after.flowingTo = nil } }
            if let flowingTo { after.flowingTo = flowingTo }
            if let lost = patch.lostContact { after.lostContact = lost; if !lost { after.lostContactSince = nil } }
            if let lostSince { after.lostContactSince = lostSince; after.lostContact = true }
            if patch.talkedOn == "" { after.talkedOn = nil } else if let talkedOn { after.talkedOn = talkedOn }
            try Self.checkStages(after, today: tx.today)
            after.updatedAt = tx.now
            try tx.session.execute(
                """
                UPDATE members SET name = ?, gender = ?, id_number = ?, birth_date = ?, phone = ?, retired = ?, flowing = ?,
                    flowing_to = ?, lost_contact = ?, lost_contact_since = ?, talked_on = ?, updated_at = ? WHERE id = ?
                """,
                [
                    .text(after.name), SQLValue(after.gender), SQLValue(after.idNumber), SQLValue(after.birthDate),
                    SQLValue(after.phone), SQLValue(after.retired), SQLValue(after.flowing), SQLValue(after.flowingTo),
                    SQLValue(after.lostContact), SQLValue(after.lostContactSince), SQLValue(after.talkedOn),
                    tx.timestamp, .integer(id),
                ])
            try tx.audit(.member, id: id, action: "update", path: path, before: before.masked(), after: after.masked())
            tx.emit(MemberUpdated(memberID: id, organizationID: after.organizationID))
            return Self.present(after, path: path, to: actor)
        }
    }

    /// Moves a member one stage along the allowed-transition table, recording who, when and why.
    public func changeStatus(_ id: Int64, _ change: StatusChange, by actor: Principal) async throws -> Member {
        let target: MemberStatus = try Validate.enumValue(change.status, field: "status")
        let reason = try Validate.text(change.reason, field: "reason", max: 500)
        let requestedDay = try Validate.day(change.on, field: "on")

        return try await store.write(actor) { tx in
            let (before, path) = try Self.writable(id, in: tx.session, actor: actor)
            let day = requestedDay ?? tx.today
            try Validate.notFuture(day, field: "on", today: tx.today)
            guard before.status.next.contains(target) else {
                throw DangjianError.invalid(
                    KernelErrorCode.memberTransitionNotAllowed, field: "status",
                    zh: "不能从\(before.status.zh)直接变为\(target.zh)",
                    en: "Cannot change from \(before.status.rawValue) to \(target.rawValue)")
            }
            let forward =
                MemberStatus.allCases.firstIndex(of: target)! > MemberStatus.allCases.firstIndex(of: before.status)!
            var after = before
            if forward {
                try Self.checkMinimumDuration(from: before, to: target, on: day)
                after.setDate(day, for: target)
            } else {
                // Stepping back clears the stage being left, so the dates never claim a stage not held.
                after.setDate(nil, for: before.status)
            }
            after.status = target
            try Self.checkStages(after, today: tx.today)
            after.updatedAt = tx.now
            try tx.session.execute(
                """
                UPDATE members SET status = ?, activist_on = ?, candidate_on = ?, admitted_on = ?, full_on = ?, updated_at = ?
                WHERE id = ?
                """,
                [
                    SQLValue(target), SQLValue(after.activistOn), SQLValue(after.candidateOn),
                    SQLValue(after.admittedOn),
                    SQLValue(after.fullOn), tx.timestamp, .integer(id),
                ])
            try tx.session.execute(
                """
                INSERT INTO member_status_changes (member_id, from_status, to_status, on_day, reason, actor_user_id, at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    .integer(id), SQLValue(before.status), SQLValue(target), SQLValue(day), .text(reason),
                    actor.isSystem ? .null : .integer(actor.userID), tx.timestamp,
                ])
            try tx.audit(
                .member, id: id, action: "changeStatus", path: path, before: before.masked(), after: after.masked())
            tx.emit(
                MemberStatusChanged(
                    memberID: id, organizationID: before.organizationID, from: before.status, to: target,
                    on: day, reason: reason))
            return Self.present(after, path: path, to: actor)
        }
    }

    /// The national minimums a stage must last before the next (DEV 2014; CONST), RULES.md 4 and 9.
    static func checkMinimumDuration(from member: Member, to target: MemberStatus, on day: Day) throws {
        switch target {
        case .developmentCandidate:
            if let since = member.activistOn, day < since.adding(years: 1) {
                throw DangjianError.invalid(
                    KernelErrorCode.memberTrainingTooShort, field: "on",
                    zh: "入党积极分子须经过一年以上培养教育才能列为发展对象（最早 \(since.adding(years: 1))）",
                    en:
                        "An activist must be trained for at least a year before becoming a candidate (earliest \(since.adding(years: 1)))"
                )
            }
        case .full:
            if let since = member.admittedOn, day < since.adding(years: 1) {
                throw DangjianError.invalid(
                    KernelErrorCode.memberProbationTooShort, field: "on",
                    zh: "预备期为一年，最早 \(since.adding(years: 1)) 转正",
                    en: "Probation lasts a year; the earliest conversion day is \(since.adding(years: 1))")
            }
        default:
            break
        }
    }

    /// The member and its organisation's path, when the caller may change it.
    static func writable(_ id: Int64, in s: any SQLSession, actor: Principal) throws -> (Member, String) {
        guard let (member, path) = try visible(id, in: s, actor: actor),
            actor.scope(for: .readMembers).contains(path: path)
        else { throw DangjianError.notFound(.member) }
        try actor.require(.writeMembers, over: path)
        return (member, path)
    }
}

extension Member {
    mutating func setDate(_ day: Day?, for status: MemberStatus) {
        switch status {
        case .applicant: appliedOn = day
        case .activist: activistOn = day
        case .developmentCandidate: candidateOn = day
        case .probationary: admittedOn = day
        case .full: fullOn = day
        }
    }
}
