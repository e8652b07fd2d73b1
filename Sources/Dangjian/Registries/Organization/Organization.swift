import Foundation

/// A node of the party organisation tree (党组织).
public struct Organization: Sendable, Codable, Equatable {
    /// The organisation's kind (党组织类别); `zh` is its Chinese name. The kind decides what may nest under it.
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

        /// The Chinese name of the kind, e.g. "党支部" for `branch`.
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

    /// The sector the organisation works in (领域); with the kind it sets the default term length.
    public enum Domain: String, Sendable, Codable, CaseIterable {
        case school, hospital, office, village, community, enterprise, socialOrganization
    }

    /// The organisation's id.
    public let id: Int64
    /// The organisation directly above; nil for a root, which is always a committee.
    public let parentID: Int64?
    /// The ids from the root down, this one last, e.g. "/1/4/"; a subtree is every path with this prefix.
    public let path: String
    /// How far below its root: 0 for a root, 1 for its children, …
    public let depth: Int
    /// At most 100 characters.
    public var name: String
    /// Fixed at creation.
    public var kind: Kind
    /// Nil when not given.
    public var domain: Domain?
    /// 书记: a full member in this organisation's subtree, if one is named.
    public var secretaryMemberID: Int64?
    /// 副书记: a full member in this organisation's subtree, if one is named.
    public var deputySecretaryMemberID: Int64?
    /// The day the current term (任期) began.
    public var termStart: Day?
    /// The day the current term ends; defaults to the start plus the kind's and domain's term length.
    public var termEnd: Day?
    /// When it was archived (撤销); nil while it is active. An archived organisation cannot change.
    public var archivedAt: Date?
    /// When it was registered here.
    public let createdAt: Date
    /// When it last changed.
    public var updatedAt: Date
    /// 支委会 members; filled by `get`, not by lists.
    public var committee: [CommitteeSeat]?

    /// Whether the organisation has been archived (撤销).
    public var isArchived: Bool { archivedAt != nil }

    /// Since when the organisation is known to exist: its registration here, or the start of
    /// its current term when that is earlier (an organisation registered at go-live has been
    /// holding meetings for years). Periods before this day are never held against it.
    public var existsSince: Day { min(Day(createdAt), termStart ?? Day(createdAt)) }
}

/// One seat on a branch committee (支委会).
public struct CommitteeSeat: Sendable, Codable, Equatable {
    /// The member in the seat: a full member in the organisation's subtree, holding one seat only.
    public let memberID: Int64
    /// e.g. 组织委员, 宣传委员, 纪检委员
    public let position: String

    /// A seat for `memberID` as `position` (at most 40 characters).
    public init(memberID: Int64, position: String) {
        self.memberID = memberID
        self.position = position
    }
}

/// What a caller sends to create an organisation. Dates and enums arrive as text so each bad
/// value is reported against its own field.
public struct OrganizationDraft: Sendable, Codable {
    /// The organisation to create it under; nil for a root (a committee). Outside the caller's subtree: 404.
    public var parentID: Int64?
    /// Required, at most 100 characters.
    public var name: String?
    /// An `Organization.Kind` raw value; required, and it must be allowed under the parent's kind.
    public var kind: String?
    /// An `Organization.Domain` raw value.
    public var domain: String?
    /// "YYYY-MM-DD".
    public var termStart: String?
    /// "YYYY-MM-DD", not before `termStart`; defaults to the start plus the term length.
    public var termEnd: String?

    /// A draft with every field optional; `OrganizationRegistry` says what is missing or wrong.
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
    /// At most 100 characters.
    public var name: String?
    /// An `Organization.Domain` raw value.
    public var domain: String?
    /// 书记: must be a full member in the organisation's subtree.
    public var secretaryMemberID: Int64?
    /// 副书记: must be a full member in the organisation's subtree.
    public var deputySecretaryMemberID: Int64?
    /// "YYYY-MM-DD".
    public var termStart: String?
    /// "YYYY-MM-DD", not before `termStart`.
    public var termEnd: String?
    /// The whole committee (支委会), replacing the seats there are; a party group has none.
    public var committee: [CommitteeSeat]?

    /// A patch that changes only the fields given.
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
