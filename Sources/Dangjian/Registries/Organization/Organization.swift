import Foundation

/// A node of the party organisation tree (党组织).
public struct Organization: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case committee, generalBranch, branch, jointBranch, group

        /// Which kinds may sit directly above this one. A committee may also be a root.
        var allowedParents: Set<Kind> {
            switch self {
            case .committee: [.committee]
            case .generalBranch: [.committee]
            case .branch, .jointBranch: [.committee, .generalBranch]
            case .group: [.branch, .jointBranch]
            }
        }

        public var zh: String {
            switch self {
            case .committee: "党委"
            case .generalBranch: "党总支"
            case .branch: "党支部"
            case .jointBranch: "联合党支部"
            case .group: "党小组"
            }
        }
    }

    public enum Domain: String, Sendable, Codable, CaseIterable {
        case school, hospital, office, village, community, enterprise, socialOrganization
    }

    public let id: Int64
    public let parentID: Int64?
    public let path: String
    public let depth: Int
    public var name: String
    public var kind: Kind
    public var domain: Domain?
    public var secretaryMemberID: Int64?
    public var deputySecretaryMemberID: Int64?
    public var termStart: Day?
    public var termEnd: Day?
    public var archivedAt: Date?
    public let createdAt: Date
    public var updatedAt: Date
    /// 支委会 members; filled by `get`, not by lists.
    public var committee: [CommitteeSeat]?

    public var isArchived: Bool { archivedAt != nil }

    /// Since when the organisation is known to exist: its registration here, or the start of
    /// its current term when that is earlier (an organisation registered at go-live has been
    /// holding meetings for years). Periods before this day are never held against it.
    public var existsSince: Day { min(Day(createdAt), termStart ?? Day(createdAt)) }
}

public struct CommitteeSeat: Sendable, Codable, Equatable {
    public let memberID: Int64
    /// e.g. 组织委员, 宣传委员, 纪检委员
    public let position: String

    public init(memberID: Int64, position: String) {
        self.memberID = memberID
        self.position = position
    }
}

/// What a caller sends to create an organisation. Dates and enums arrive as text so each bad
/// value is reported against its own field.
public struct OrganizationDraft: Sendable, Codable {
    public var parentID: Int64?
    public var name: String?
    public var kind: String?
    public var domain: String?
    public var termStart: String?
    public var termEnd: String?

    public init(
        parentID: Int64?, name: String?, kind: String?, domain: String? = nil,
        termStart: String? = nil, termEnd: String? = nil
    ) {
        self.parentID = parentID
        self.name = name
        self.kind = kind
        self.domain = domain
        self.termStart = termStart
        self.termEnd = termEnd
    }
}

/// A partial update: absent fields stay as they are.
public struct OrganizationPatch: Sendable, Codable {
    public var name: String?
    public var domain: String?
    public var secretaryMemberID: Int64?
    public var deputySecretaryMemberID: Int64?
    public var termStart: String?
    public var termEnd: String?
    public var committee: [CommitteeSeat]?

    public init(
        name: String? = nil, domain: String? = nil, secretaryMemberID: Int64? = nil,
        deputySecretaryMemberID: Int64? = nil, termStart: String? = nil, termEnd: String? = nil,
        committee: [CommitteeSeat]? = nil
    ) {
        self.name = name
        self.domain = domain
        self.secretaryMemberID = secretaryMemberID
        self.deputySecretaryMemberID = deputySecretaryMemberID
        self.termStart = termStart
        self.termEnd = termEnd
        self.committee = committee
    }
}

extension Organization {
    enum Columns {
        static let all = """
            id, parent_id, path, depth, name, kind, domain, secretary_member_id, deputy_secretary_member_id,
            term_start, term_end, archived_at, created_at, updated_at
            """
    }

    init(row: SQLRow) throws {
        id = try row.int64("id")
        parentID = try row.optionalInt64("parent_id")
        path = try row.string("path")
        depth = try row.int("depth")
        name = try row.string("name")
        kind = try row.enumValue("kind")
        domain = try row.optionalEnum("domain")
        secretaryMemberID = try row.optionalInt64("secretary_member_id")
        deputySecretaryMemberID = try row.optionalInt64("deputy_secretary_member_id")
        termStart = try row.optionalDay("term_start")
        termEnd = try row.optionalDay("term_end")
        archivedAt = try row.optionalDate("archived_at")
        createdAt = try row.date("created_at")
        updatedAt = try row.date("updated_at")
        committee = nil
    }

    /// The usual term (TERM 2018, RULES.md 15): five years for committees and for village and
    /// community organisations, three for general branches and branches.
    public static func defaultTermYears(kind: Kind, domain: Domain?) -> Int {
        if kind == .committee || domain == .village || domain == .community { return 5 }
        return 3
    }
}
