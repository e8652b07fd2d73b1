import Dangjian
import Foundation

/// Reads of the council's bodies for the plugins that build on it (DualLiaison), so that they
/// never name the council's tables. Each read is one query on the council's tables, plus one on
/// the kernel's organisations where a path or name is part of the answer, whatever the number
/// of ids. They take a session so that they run inside the caller's own read or write, and they
/// do not scope: the caller checks what it shows with `Councils.readable`/`writable`.
public enum CouncilDirectory {
    /// A committee with its organisation's path.
    public struct Committee: Sendable, Hashable {
        /// The committee's id.
        public let id: Int64
        /// Its name, unique in its council.
        public let name: String
        /// The organisation that holds the committee.
        public let organizationID: Int64
        /// That organisation's path, for subtree checks.
        public let path: String
    }

    /// A sub-council with its convener's path.
    public struct SubCouncil: Sendable, Hashable {
        /// The sub-council's id.
        public let id: Int64
        /// Its name, unique in its committee.
        public let name: String
        /// The committee it belongs to.
        public let committeeID: Int64
        /// The convening unit's organisation.
        public let convenerID: Int64
        /// The convener's path: scope checks read a sub-council by it.
        public let convenerPath: String
    }

    /// A topic's committee and the units that undertake it, in their order.
    public struct Topic: Sendable, Hashable {
        /// The topic's id.
        public let id: Int64
        /// The committee that called for it.
        public let committeeID: Int64
        /// The undertaking units, in the order the application gave them.
        public let unitIDs: [Int64]
    }

    /// Which body held a meeting, and on which day.
    public struct Meeting: Sendable, Hashable {
        /// The meeting's id.
        public let id: Int64
        /// What kind of meeting it was (a sub-council's own, a plenary…).
        public let kind: CouncilMeetingKind
        /// Set for a sub-council's meeting only.
        public let subCouncilID: Int64?
        /// The day it was held on.
        public let heldOn: Day
    }

    /// The committees with these ids (every committee when nil), by id.
    public static func committees(ids: [Int64]? = nil, in s: any SQLSession) throws -> [Committee] {
        let rows = try Self.rows("id", among: ids, in: s) {
            "SELECT id, name, organization_id FROM council_committees WHERE \($0) ORDER BY id"
        }
        let paths = try OrganizationRegistry.paths(of: try rows.map { try $0.int64("organization_id") }, in: s)
        return try rows.compactMap { row in
            let organizationID = try row.int64("organization_id")
            guard let path = paths[organizationID] else { return nil }
            return Committee(
                id: try row.int64("id"), name: try row.string("name"), organizationID: organizationID, path: path)
        }
    }

    /// The committees with this name (every committee when nil), for fixtures that name them.
    public static func committeeIDs(named name: String?, in s: any SQLSession) throws -> [Int64] {
        let only = name.map { ("name = ?", [SQLValue.text($0)]) } ?? ("1 = 1", [])
        return try s.query("SELECT id FROM council_committees WHERE \(only.0) ORDER BY id", only.1).map {
            try $0.int64("id")
        }
    }

    /// The sub-councils of these committees (of every committee when nil), by id.
    public static func subCouncils(ofCommittees committeeIDs: [Int64]? = nil, in s: any SQLSession) throws
        -> [SubCouncil]
    {
        try subCouncils("committee_id", among: committeeIDs, in: s)
    }

    /// The sub-councils with these ids, by id.
    public static func subCouncils(ids: [Int64], in s: any SQLSession) throws -> [Int64: SubCouncil] {
        Dictionary(uniqueKeysWithValues: try subCouncils("id", among: ids, in: s).map { ($0.id, $0) })
    }

    /// The sub-councils with this name.
    public static func subCouncilIDs(named name: String, in s: any SQLSession) throws -> [Int64] {
        try s.query("SELECT id FROM council_subcouncils WHERE name = ? ORDER BY id", [.text(name)]).map {
            try $0.int64("id")
        }
    }

    /// Per sub-council, its member units' organisation ids.
    public static func unitIDs(ofSubCouncils ids: [Int64], in s: any SQLSession) throws -> [Int64: Set<Int64>] {
        var units: [Int64: Set<Int64>] = [:]
        for row in try rows(
            "subcouncil_id", among: ids, in: s,
            { "SELECT subcouncil_id, organization_id FROM council_units WHERE \($0)" })
        {
            units[try row.int64("subcouncil_id"), default: []].insert(try row.int64("organization_id"))
        }
        return units
    }

    /// The topics with these ids, by id.
    public static func topics(ids: [Int64], in s: any SQLSession) throws -> [Int64: Topic] {
        let rows = try Self.rows("id", among: ids, in: s) { "SELECT id, committee_id FROM council_topics WHERE \($0)" }
        var unitIDs: [Int64: [Int64]] = [:]
        // Chunked by topic, so each topic's units stay in their order.
        for row in try Self.rows(
            "topic_id", among: ids, in: s,
            {
                "SELECT topic_id, organization_id FROM council_topic_units WHERE \($0) ORDER BY topic_id, position"
            })
        {
            unitIDs[try row.int64("topic_id"), default: []].append(try row.int64("organization_id"))
        }
        return Dictionary(
            uniqueKeysWithValues: try rows.map { row in
                let id = try row.int64("id")
                return (id, Topic(id: id, committeeID: try row.int64("committee_id"), unitIDs: unitIDs[id] ?? []))
            })
    }

    /// The meetings with these ids, by id.
    public static func meetings(ids: [Int64], in s: any SQLSession) throws -> [Int64: Meeting] {
        return Dictionary(
            uniqueKeysWithValues: try rows("id", among: ids, in: s) {
                "SELECT id, kind, subcouncil_id, held_on FROM council_meetings WHERE \($0)"
            }.map { row in
                let id = try row.int64("id")
                return (
                    id,
                    Meeting(
                        id: id, kind: try row.enumValue("kind"), subCouncilID: try row.optionalInt64("subcouncil_id"),
                        heldOn: try row.day("held_on"))
                )
            })
    }

    /// A sub-council's meetings held on a day, oldest first: for fixtures that name a meeting by its day.
    public static func meetingIDs(ofSubCouncil subCouncilID: Int64, on day: Day, in s: any SQLSession) throws -> [Int64]
    {
        try s.query(
            "SELECT id FROM council_meetings WHERE subcouncil_id = ? AND held_on = ? ORDER BY id",
            [.integer(subCouncilID), SQLValue(day)]
        ).map { try $0.int64("id") }
    }

    static func subCouncils(_ column: String, among ids: [Int64]?, in s: any SQLSession) throws -> [SubCouncil] {
        let rows = try Self.rows(column, among: ids, in: s) {
            "SELECT id, name, committee_id, convener_id FROM council_subcouncils WHERE \($0) ORDER BY id"
        }
        let paths = try OrganizationRegistry.paths(of: try rows.map { try $0.int64("convener_id") }, in: s)
        return try rows.compactMap { row in
            let convenerID = try row.int64("convener_id")
            guard let path = paths[convenerID] else { return nil }
            return SubCouncil(
                id: try row.int64("id"), name: try row.string("name"), committeeID: try row.int64("committee_id"),
                convenerID: convenerID, convenerPath: path)
        }
        // Chunks of committee ids each come ordered by id; the sort keeps the whole answer so.
        .sorted { $0.id < $1.id }
    }

    /// The rows of the statement `sql` builds around a condition on `column`: every row when
    /// `ids` is nil, none for no ids, else those whose `column` is one of them, in chunks that
    /// SQLite takes (it refuses more than 32,766 arguments).
    static func rows(_ column: String, among ids: [Int64]?, in s: any SQLSession, _ sql: (String) -> String) throws
        -> [SQLRow]
    {
        guard let ids else { return try s.query(sql("1 = 1"), []) }
        return try s.query(ids: ids) { sql("\(column) IN (\($0))") }
    }
}
