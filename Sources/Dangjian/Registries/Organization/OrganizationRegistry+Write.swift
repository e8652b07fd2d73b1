import Foundation

extension OrganizationRegistry {
    /// Registers a new organisation, with its audit entry and `organization.created`. Without a
    /// parent it is a new root (a district), which only a whole-tree admin or the host may make.
    /// A term end left out is the start plus the kind's and domain's usual term.
    /// - Parameter actor: who registers it; they need `writeOrganizations` over the parent.
    /// - Throws: 400 `validation.*` (name 100 characters, kind, domain, days, term order),
    ///   `organization.nesting` or `organization.rootKind`; 404 `organization.notFound` for a
    ///   parent outside the caller's view; 403 `auth.forbidden`; 409 `organization.parentArchived`.
    public func create(_ draft: OrganizationDraft, by actor: Principal) async throws -> Organization {
        let valid = try Self.validate(draft)
        return try await store.write(actor) { tx in
            var parents: [Int64: Organization] = [:]
            return try Self.insert(valid, in: tx, parents: &parents)
        }
    }

    /// A draft checked for shape, before the database checks its parent.
    struct ValidOrganization: Sendable {
        let parentID: Int64?
        let name: String
        let kind: Organization.Kind
        let domain: Organization.Domain?
        let termStart: Day?
        let termEnd: Day?
    }

    static func validate(_ draft: OrganizationDraft) throws -> ValidOrganization {
        let name = try Validate.text(draft.name, field: "name", max: 100)
        let kind: Organization.Kind = try Validate.enumValue(draft.kind, field: "kind")
        let domain: Organization.Domain? = try draft.domain.map { try Validate.enumValue($0, field: "domain") }
        let termStart = try Validate.day(draft.termStart, field: "termStart")
        var termEnd = try Validate.day(draft.termEnd, field: "termEnd")
        if let start = termStart, termEnd == nil {
            termEnd = start.adding(years: Organization.defaultTermYears(kind: kind, domain: domain))
        }
        try Validate.order([("termStart", termStart), ("termEnd", termEnd)])
        return ValidOrganization(
            parentID: draft.parentID, name: name, kind: kind, domain: domain, termStart: termStart, termEnd: termEnd)
    }

    /// Inserts a validated organisation, audits it and emits `organization.created`. `parents`
    /// keeps the parents already checked in this transaction, so a batch of siblings reads
    /// and checks their parent once.
    static func insert(_ valid: ValidOrganization, in tx: Transaction, parents: inout [Int64: Organization]) throws
        -> Organization
    {
        let s = tx.session
        let actor = tx.actor
        var parentPath = "/"
        var depth = 0
        if let parentID = valid.parentID {
            let parent: Organization
            if let known = parents[parentID] {
                parent = known
            } else {
                let scope = actor.scope(for: .readOrganizations)
                let path = try Self.path(of: parentID, in: s, scope: scope)
                try actor.require(.writeOrganizations, over: path)
                guard let loaded = try Self.load(parentID, in: s) else { throw DangjianError.notFound(.organization) }
                guard !loaded.isArchived else { throw Self.archivedParent }
                parent = loaded
                parents[parentID] = loaded
            }
            try Self.checkNesting(kind: valid.kind, under: parent.kind)
            parentPath = parent.path
            depth = parent.depth + 1
        } else {
            // A new root is a new district; only the host itself or a whole-tree admin makes one.
            try actor.require(.writeOrganizations, over: "/")
            guard valid.kind == .committee else {
                throw DangjianError.invalid(
                    KernelErrorCode.organizationRootKind, field: "kind",
                    zh: "顶层党组织必须是党委", en: "A top-level organisation must be a committee")
            }
        }
        let id = try s.insert(
            """
            INSERT INTO organizations (parent_id, path, depth, name, kind, domain, term_start, term_end, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                SQLValue(valid.parentID), .text("~" + UUID().uuidString), .integer(Int64(depth)), .text(valid.name),
                SQLValue(valid.kind), SQLValue(valid.domain), SQLValue(valid.termStart), SQLValue(valid.termEnd),
                tx.timestamp, tx.timestamp,
            ])
        let path = parentPath + "\(id)/"
        try s.execute("UPDATE organizations SET path = ? WHERE id = ?", [.text(path), .integer(id)])
        let created = try Self.load(id, in: s)!
        try tx.audit(.organization, id: id, action: "create", path: path, before: Organization?.none, after: created)
        tx.emit(
            OrganizationCreated(
                organizationID: id, organizationName: valid.name, kind: valid.kind, parentID: valid.parentID))
        return created
    }

    /// Changes an organisation's name, domain, term, officers or committee, in one transaction with
    /// its audit entry (seats included) and `organization.updated`. A field left nil keeps its value;
    /// a committee given replaces all seats.
    /// - Parameter actor: who changes it; they need `writeOrganizations` over the organisation.
    /// - Throws: 400 `validation.*`, `organization.duplicateSeat`, `organization.noCommittee` (a
    ///   group), `organization.officerNotMember` or `organization.officerNotFull` (officers are full
    ///   members in its subtree); 404 `organization.notFound`; 403 `auth.forbidden`; 409
    ///   `organization.archived`.
    public func update(_ id: Int64, _ patch: OrganizationPatch, by actor: Principal) async throws -> Organization {
        let valid = try Self.validate(patch)
        return try await store.write(actor) { tx in try Self.apply(valid, to: id, in: tx) }
    }

    /// A patch checked for shape, before the database checks the officers it names.
    struct ValidPatch: Sendable {
        let name: String?
        let domain: Organization.Domain?
        let termStart: Day?
        let termEnd: Day?
        let secretaryMemberID: Int64?
        let deputySecretaryMemberID: Int64?
        let seats: [CommitteeSeat]?
    }

    static func validate(_ patch: OrganizationPatch) throws -> ValidPatch {
        let name = try patch.name.map { try Validate.text($0, field: "name", max: 100) }
        let domain: Organization.Domain? = try patch.domain.map { try Validate.enumValue($0, field: "domain") }
        let termStart = try Validate.day(patch.termStart, field: "termStart")
        let termEnd = try Validate.day(patch.termEnd, field: "termEnd")
        let seats = try patch.committee.map { seats in
            try seats.map {
                CommitteeSeat(
                    memberID: $0.memberID,
                    position: try Validate.text($0.position, field: "committee.position", max: 40))
            }
        }
        if let seats, Set(seats.map(\.memberID)).count != seats.count {
            throw DangjianError.invalid(
                KernelErrorCode.organizationDuplicateSeat, field: "committee",
                zh: "支委会成员重复", en: "A member holds more than one committee seat")
        }
        return ValidPatch(
            name: name, domain: domain, termStart: termStart, termEnd: termEnd,
            secretaryMemberID: patch.secretaryMemberID,
            deputySecretaryMemberID: patch.deputySecretaryMemberID, seats: seats)
    }

    /// Applies a validated patch inside a running write, with its checks, audit entry and event.
    static func apply(_ patch: ValidPatch, to id: Int64, in tx: Transaction) throws -> Organization {
        let s = tx.session
        let before = try loadForWrite(id, in: s, actor: tx.actor)
        guard !before.isArchived else { throw Self.archived }
        var after = before
        after.committee = try Self.committee(of: id, in: s)
        let beforeWithSeats = after
        if let name = patch.name { after.name = name }
        if let domain = patch.domain { after.domain = domain }
        if let termStart = patch.termStart { after.termStart = termStart }
        if let termEnd = patch.termEnd { after.termEnd = termEnd }
        try Validate.order([("termStart", after.termStart), ("termEnd", after.termEnd)])
        for (field, memberID) in [
            ("secretaryMemberID", patch.secretaryMemberID),
            ("deputySecretaryMemberID", patch.deputySecretaryMemberID),
        ] {
            if let memberID { try Self.checkOfficer(memberID, field: field, organization: before, in: s) }
        }
        if let memberID = patch.secretaryMemberID { after.secretaryMemberID = memberID }
        if let memberID = patch.deputySecretaryMemberID { after.deputySecretaryMemberID = memberID }
        if let seats = patch.seats {
            guard before.kind != .group else {
                throw DangjianError.invalid(
                    KernelErrorCode.organizationNoCommittee, field: "committee",
                    zh: "党小组不设支委会", en: "A party group has no committee")
            }
            for seat in seats { try Self.checkOfficer(seat.memberID, field: "committee", organization: before, in: s) }
            try s.execute("DELETE FROM organization_committee_seats WHERE organization_id = ?", [.integer(id)])
            for seat in seats {
                try s.execute(
                    "INSERT INTO organization_committee_seats (organization_id, member_id, position) VALUES (?, ?, ?)",
                    [.integer(id), .integer(seat.memberID), .text(seat.position)])
            }
            after.committee = seats
        }
        after.updatedAt = tx.now
        try s.execute(
            """
            UPDATE organizations SET name = ?, domain = ?, secretary_member_id = ?, deputy_secretary_member_id = ?,
                term_start = ?, term_end = ?, updated_at = ? WHERE id = ?
            """,
            [
                .text(after.name), SQLValue(after.domain), SQLValue(after.secretaryMemberID),
                SQLValue(after.deputySecretaryMemberID), SQLValue(after.termStart), SQLValue(after.termEnd),
                tx.timestamp, .integer(id),
            ])
        try tx.audit(.organization, id: id, action: "update", path: before.path, before: beforeWithSeats, after: after)
        tx.emit(OrganizationUpdated(organizationID: id))
        return after
    }

    /// Moves a node and its whole subtree under a new parent, rewriting every path in one statement.
    public func move(_ id: Int64, under newParentID: Int64, by actor: Principal) async throws -> Organization {
        try await store.write(actor) { tx in
            let s = tx.session
            let node = try Self.loadForWrite(id, in: s, actor: actor)
            let parentPath = try Self.path(of: newParentID, in: s, scope: actor.scope(for: .readOrganizations))
            try actor.require(.writeOrganizations, over: parentPath)
            guard let parent = try Self.load(newParentID, in: s) else { throw DangjianError.notFound(.organization) }
            if parent.path.hasPrefix(node.path) {
                throw DangjianError.invalid(
                    KernelErrorCode.organizationCycle, field: "parentID",
                    zh: "不能把党组织移到它自己或它的下级组织之下", en: "An organisation cannot move under itself or its own descendant")
            }
            guard !node.isArchived else { throw Self.archived }
            guard !parent.isArchived else { throw Self.archivedParent }
            try Self.checkNesting(kind: node.kind, under: parent.kind)
            let newPath = parent.path + "\(id)/"
            let depthShift = parent.depth + 1 - node.depth
            try s.execute(
                """
                UPDATE organizations SET path = ? || substr(path, ?), depth = depth + ?
                WHERE path >= ? AND path < ?
                """,
                [
                    .text(newPath), .integer(Int64(node.path.utf8.count + 1)), .integer(Int64(depthShift)),
                    .text(node.path), .text(Scope.upperBound(node.path)),
                ])
            try s.execute(
                "UPDATE organizations SET parent_id = ?, updated_at = ? WHERE id = ?",
                [.integer(newParentID), tx.timestamp, .integer(id)])
            let moved = try Self.load(id, in: s)!
            try tx.audit(.organization, id: id, action: "move", path: newPath, before: node, after: moved)
            tx.emit(OrganizationMoved(organizationID: id, fromParentID: node.parentID, toParentID: newParentID))
            return moved
        }
    }

    /// Archives a node. Organisations are never deleted: their ledger and audit history stay readable.
    public func archive(_ id: Int64, by actor: Principal) async throws -> Organization {
        try await store.write(actor) { tx in
            let s = tx.session
            let node = try Self.loadForWrite(id, in: s, actor: actor)
            guard !node.isArchived else { throw Self.archived }
            let children = try s.scalarInt(
                "SELECT COUNT(*) FROM organizations WHERE parent_id = ? AND archived_at IS NULL", [.integer(id)])
            let members =
                try s.scalarInt("SELECT COUNT(*) FROM members WHERE organization_id = ?", [.integer(id)])
                + s.scalarInt(
                    "SELECT COUNT(*) FROM member_transfers WHERE to_organization_id = ? AND status = 'pending'",
                    [.integer(id)])
            if children > 0 || members > 0 {
                throw DangjianError.conflict(
                    KernelErrorCode.organizationNotEmpty,
                    zh: "该党组织仍有 \(children) 个下级组织和 \(members) 名党员（含待接收的转入），请先转出或撤销",
                    en:
                        "The organisation still has \(children) active children and \(members) members (incoming transfers included); move them first"
                )
            }
            try s.execute(
                "UPDATE organizations SET archived_at = ?, updated_at = ? WHERE id = ?",
                [tx.timestamp, tx.timestamp, .integer(id)])
            let archived = try Self.load(id, in: s)!
            try tx.audit(.organization, id: id, action: "archive", path: node.path, before: node, after: archived)
            tx.emit(OrganizationArchived(organizationID: id))
            return archived
        }
    }

    // MARK: Checks

    private static func loadForWrite(_ id: Int64, in s: any SQLSession, actor: Principal) throws -> Organization {
        let path = try Self.path(of: id, in: s, scope: actor.scope(for: .readOrganizations))
        try actor.require(.writeOrganizations, over: path)
        guard let organization = try Self.load(id, in: s) else { throw DangjianError.notFound(.organization) }
        return organization
    }

    static func checkNesting(kind: Organization.Kind, under parent: Organization.Kind) throws {
        guard kind.allowedParents.contains(parent) else {
            throw DangjianError.invalid(
                KernelErrorCode.organizationNesting, field: "kind",
                zh: "\(kind.zh)不能设在\(parent.zh)之下", en: "A \(kind.rawValue) cannot sit under a \(parent.rawValue)")
        }
    }

    /// Officers are full members held in the organisation's subtree.
    static func checkOfficer(_ memberID: Int64, field: String, organization: Organization, in s: any SQLSession) throws
    {
        guard
            let row = try s.queryOne(
                """
                SELECT m.status FROM members m JOIN organizations o ON o.id = m.organization_id
                WHERE m.id = ? AND o.path >= ? AND o.path < ?
                """, [.integer(memberID), .text(organization.path), .text(Scope.upperBound(organization.path))])
        else {
            throw DangjianError.invalid(
                KernelErrorCode.organizationOfficerNotMember, field: field,
                zh: "该党员不属于本组织", en: "The member does not belong to this organisation")
        }
        guard try row.string("status") == MemberStatus.full.rawValue else {
            throw DangjianError.invalid(
                KernelErrorCode.organizationOfficerNotFull, field: field,
                zh: "书记、副书记和支委须为正式党员", en: "Officers must be full members")
        }
    }

    static let archived = DangjianError.conflict(
        KernelErrorCode.organizationArchived,
        zh: "该党组织已撤销，不能修改", en: "The organisation is archived and cannot change")
    static let archivedParent = DangjianError.conflict(
        KernelErrorCode.organizationParentArchived, field: "parentID",
        zh: "上级党组织已撤销", en: "The parent organisation is archived")
}
