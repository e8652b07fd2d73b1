import Dangjian
import Foundation

/// One meeting a member should have attended, as the member's page lists it.
public struct MemberAttendance: Sendable, Equatable {
    /// The ledger record.
    public let recordID: Int64
    /// What kind of meeting it was.
    public let kind: MeetingKind
    /// The day it was held.
    public let heldOn: Day
    /// Its topic.
    public let topic: String
    /// Whether the member attended.
    public let present: Bool
    /// Why the member was absent, as the record gives it.
    public let reason: String?
    /// The class hours the member earned from it (党员教育学时).
    public let classHours: Double
}

extension Ledger {
    /// The meetings a member was on the roster of in `year`, newest first: one indexed read of
    /// the member's attendance rows. A member the caller cannot see is a 404; reading the
    /// ledger needs `readLedger` over the member's organisation, as the records do.
    public func attendance(of memberID: Int64, year: Int, by actor: Principal) async throws -> [MemberAttendance] {
        let member = try await host.members.get(memberID, by: actor)
        return try await host.store.read { s in
            let path = try OrganizationRegistry.path(
                of: member.organizationID, in: s, scope: actor.scope(for: .readLedger))
            try actor.requireOnVisible(.readLedger, over: path)
            return try s.query(
                """
                SELECT r.id, r.kind, r.held_on, r.topic, a.present, a.reason, a.class_hours
                FROM orglife_attendance a JOIN orglife_records r ON r.id = a.record_id
                WHERE a.member_id = ? AND r.held_on BETWEEN ? AND ? ORDER BY r.held_on DESC, r.id DESC
                """, [.integer(memberID), .text("\(year)-01-01"), .text("\(year)-12-31")]
            ).map { row in
                MemberAttendance(
                    recordID: try row.int64("id"), kind: try row.enumValue("kind"), heldOn: try row.day("held_on"),
                    topic: try row.string("topic"), present: try row.int("present") != 0,
                    reason: try row.optionalString("reason"), classHours: try row.double("class_hours"))
            }
        }
    }
}
