import Foundation

/// A relation transfer (组织关系转接): the sending organisation sends, the receiving one
/// accepts. Until it accepts, the member stays with the sender, which stays responsible
/// (EDU 2019, RULES.md 33).
public struct RelationTransfer: Sendable, Codable, Equatable {
    /// Pending until the receiving organisation accepts it.
    public enum Status: String, Sendable, Codable, CaseIterable { case pending, completed, cancelled }

    /// The transfer's id.
    public let id: Int64
    /// The member being transferred.
    public let memberID: Int64
    /// The sending organisation, which holds the member until the transfer completes.
    public let fromOrganizationID: Int64
    /// The receiving organisation.
    public let toOrganizationID: Int64
    /// The day the relation was sent (转出).
    public let sentOn: Day
    /// The day it was received (转入); nil while pending.
    public let receivedOn: Day?
    /// Where the transfer stands.
    public let status: Status
    /// The sender's note, at most 500 characters.
    public let note: String?
}

/// What the sending side sends to start a transfer (转出).
public struct TransferRequest: Sendable, Codable {
    /// The receiving organisation; required. It may sit outside the sender's subtree; an archived one, a party group
    /// or an unknown id answers 404 `organization.notFound`.
    public var toOrganizationID: Int64?
    /// "YYYY-MM-DD", not in the future; defaults to today.
    public var sentOn: String?
    /// At most 500 characters.
    public var note: String?

    /// A transfer to `toOrganizationID`, sent on `sentOn` (default today).
    public init(toOrganizationID: Int64?, sentOn: String? = nil, note: String? = nil) {
        self.toOrganizationID = toOrganizationID
        self.sentOn = sentOn
        self.note = note
    }
}

/// What the receiving side sends to accept a transfer (转入).
public struct TransferReceipt: Sendable, Codable {
    /// "YYYY-MM-DD", not in the future and not before the day it was sent; defaults to today.
    public var receivedOn: String?
    /// A receipt on `receivedOn` (default today).
    public init(receivedOn: String? = nil) { self.receivedOn = receivedOn }
}

extension MemberRegistry {
    /// Sends the member's relation to another organisation (转出); the member stays with the sender until
    /// the transfer is received.
    /// A member outside the caller's subtree answers 404; a second transfer while one is pending is a conflict.
    public func startTransfer(_ memberID: Int64, _ request: TransferRequest, by actor: Principal) async throws
        -> RelationTransfer
    {
        guard let to = request.toOrganizationID else { throw DangjianError.required("toOrganizationID") }
        let sentOnRequested = try Validate.day(request.sentOn, field: "sentOn")
        let note = try Validate.optionalText(request.note, field: "note", max: 500)
        return try await store.write(actor) { tx in
            let s = tx.session
            let (member, path) = try Self.writable(memberID, in: s, actor: actor)
            let sentOn = sentOnRequested ?? tx.today
            try Validate.notFuture(sentOn, field: "sentOn", today: tx.today)
            guard member.pendingTransferID == nil else {
                throw DangjianError.conflict(
                    KernelErrorCode.memberTransferPending,
                    zh: "该党员已有未完成的组织关系转接", en: "The member already has a transfer in progress")
            }
            // The receiving side may sit outside the sender's subtree: that is what a transfer is for.
            guard let destination = try OrganizationRegistry.load(to, in: s), !destination.isArchived,
                destination.kind != .group
            else { throw DangjianError.notFound(.organization) }
            guard to != member.organizationID else {
                throw DangjianError.invalid(
                    KernelErrorCode.memberTransferToSelf, field: "toOrganizationID",
                    zh: "转入组织与当前组织相同", en: "The destination is the member's current organisation")
            }
            let id = try s.insert(
                """
                INSERT INTO member_transfers (member_id, from_organization_id, to_organization_id, sent_on, status, note, created_at)
                VALUES (?, ?, ?, ?, 'pending', ?, ?)
                """,
                [
                    .integer(memberID), .integer(member.organizationID), .integer(to), SQLValue(sentOn), SQLValue(note),
                    tx.timestamp,
                ])
            try s.execute(
                "UPDATE members SET pending_transfer_id = ?, updated_at = ? WHERE id = ?",
                [.integer(id), tx.timestamp, .integer(memberID)])
            let transfer = try Self.loadTransfer(id, in: s)
            try tx.audit(.transfer, id: id, action: "send", path: path, before: RelationTransfer?.none, after: transfer)
            tx.emit(
                MemberTransferStarted(
                    memberID: memberID, organizationID: member.organizationID,
                    transferID: id, toOrganizationID: to))
            return transfer
        }
    }

    /// The receiving organisation accepts; the member's relation moves there on `receivedOn`.
    public func receiveTransfer(_ transferID: Int64, _ receipt: TransferReceipt, by actor: Principal) async throws
        -> RelationTransfer
    {
        let receivedRequested = try Validate.day(receipt.receivedOn, field: "receivedOn")
        return try await store.write(actor) { tx in
            let s = tx.session
            let transfer = try Self.loadTransfer(transferID, in: s)
            // A transfer to an organisation outside the caller's subtree does not exist for them.
            guard let destination = try OrganizationRegistry.load(transfer.toOrganizationID, in: s),
                actor.scope(for: .readMembers).contains(path: destination.path)
            else { throw DangjianError.notFound(.transfer) }
            let path = destination.path
            try actor.requireOnVisible(.writeMembers, over: path)
            guard !destination.isArchived else { throw OrganizationRegistry.archived }
            guard transfer.status == .pending else {
                throw DangjianError.conflict(
                    KernelErrorCode.transferNotPending, zh: "该转接已处理", en: "The transfer is no longer pending")
            }
            let receivedOn = receivedRequested ?? tx.today
            try Validate.notFuture(receivedOn, field: "receivedOn", today: tx.today)
            try Validate.order([("sentOn", transfer.sentOn), ("receivedOn", receivedOn)])
            try s.execute(
                "UPDATE member_transfers SET status = 'completed', received_on = ? WHERE id = ?",
                [SQLValue(receivedOn), .integer(transferID)])
            try s.execute(
                "UPDATE members SET organization_id = ?, pending_transfer_id = NULL, updated_at = ? WHERE id = ?",
                [.integer(transfer.toOrganizationID), tx.timestamp, .integer(transfer.memberID)])
            let done = try Self.loadTransfer(transferID, in: s)
            try tx.audit(.transfer, id: transferID, action: "receive", path: path, before: transfer, after: done)
            tx.emit(
                MemberTransferred(
                    memberID: transfer.memberID, organizationID: transfer.toOrganizationID,
                    transferID: transferID, fromOrganizationID: transfer.fromOrganizationID))
            return done
        }
    }

    /// Either side may cancel a pending transfer; the member stays where they are.
    public func cancelTransfer(_ transferID: Int64, by actor: Principal) async throws -> RelationTransfer {
        try await store.write(actor) { tx in
            let s = tx.session
            let transfer = try Self.loadTransfer(transferID, in: s)
            let scope = actor.scope(for: .writeMembers)
            let paths = try [transfer.fromOrganizationID, transfer.toOrganizationID].compactMap {
                try OrganizationRegistry.load($0, in: s)?.path
            }
            guard let path = paths.first(where: scope.contains(path:)) else { throw DangjianError.notFound(.transfer) }
            guard transfer.status == .pending else {
                throw DangjianError.conflict(
                    KernelErrorCode.transferNotPending, zh: "该转接已处理", en: "The transfer is no longer pending")
            }
            try s.execute("UPDATE member_transfers SET status = 'cancelled' WHERE id = ?", [.integer(transferID)])
            try s.execute(
                "UPDATE members SET pending_transfer_id = NULL, updated_at = ? WHERE id = ?",
                [tx.timestamp, .integer(transfer.memberID)])
            let done = try Self.loadTransfer(transferID, in: s)
            try tx.audit(.transfer, id: transferID, action: "cancel", path: path, before: transfer, after: done)
            return done
        }
    }

    /// Transfers waiting for an organisation in the caller's subtree to accept them.
    public func incomingTransfers(by actor: Principal) async throws -> [RelationTransfer] {
        let condition = actor.scope(for: .readMembers).condition("o.path")
        return try await store.read { s in
            try s.query(
                """
                SELECT t.* FROM member_transfers t JOIN organizations o ON o.id = t.to_organization_id
                WHERE t.status = 'pending' AND \(condition.sql) ORDER BY t.id
                """, condition.arguments
            ).map(Self.decodeTransfer)
        }
    }

    static func loadTransfer(_ id: Int64, in s: any SQLSession) throws -> RelationTransfer {
        guard let row = try s.queryOne("SELECT * FROM member_transfers WHERE id = ?", [.integer(id)]) else {
            throw DangjianError.notFound(.transfer)
        }
        return try decodeTransfer(row)
    }

    static func decodeTransfer(_ row: SQLRow) throws -> RelationTransfer {
        RelationTransfer(
            id: try row.int64("id"), memberID: try row.int64("member_id"),
            fromOrganizationID: try row.int64("from_organization_id"),
            toOrganizationID: try row.int64("to_organization_id"), sentOn: try row.day("sent_on"),
            receivedOn: try row.optionalDay("received_on"), status: try row.enumValue("status"),
            note: try row.optionalString("note"))
    }
}
