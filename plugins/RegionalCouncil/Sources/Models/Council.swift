import Dangjian
import Foundation

/// 区域化党建联席会: the district's regional party-building council. It is held by an
/// organisation (the district party committee that leads it) and has committees.
public struct Council: Sendable, Codable, Equatable {
    public let id: Int64
    public var name: String
    public let organizationID: Int64
    public var committees: [Committee]
}

/// 专委会: a committee of the council for one field, e.g. the education committee, held by the
/// organisation that runs it (the education bureau's party committee). Its charter (章程) is
/// versioned: every change bumps `charterVersion` and the old text stays in the audit log.
public struct Committee: Sendable, Codable, Equatable {
    public let id: Int64
    public let councilID: Int64
    public var name: String
    public let organizationID: Int64
    public var charter: String?
    public var charterVersion: Int
    public var charterAdoptedOn: Day?
    public var establishedOn: Day
    public var subCouncils: [SubCouncil]
}

/// 分会: a regional sub-council of a committee. Its member units can come from any part of
/// the organisation tree; a unit belongs to at most one sub-council of a committee. The
/// convener (召集单位) records its meetings.
public struct SubCouncil: Sendable, Codable, Equatable {
    public struct Unit: Sendable, Codable, Equatable {
        public let organizationID: Int64
        public let name: String
        public let joinedOn: Day
    }

    public let id: Int64
    public let committeeID: Int64
    public var name: String
    public var convenerID: Int64
    public var establishedOn: Day
    public var units: [Unit]
}

public struct CouncilDraft: Sendable, Codable {
    public var name: String?
    public var organizationID: Int64?
    public init(name: String? = nil, organizationID: Int64? = nil) {
        self.name = name
        self.organizationID = organizationID
    }
}

public struct CommitteeDraft: Sendable, Codable {
    public var name: String?
    public var organizationID: Int64?
    /// When it was set up (default today): a committee registered years after it began gives its real date.
    public var establishedOn: String?
    public init(name: String? = nil, organizationID: Int64? = nil, establishedOn: String? = nil) {
        self.name = name
        self.organizationID = organizationID
        self.establishedOn = establishedOn
    }
}

public struct CharterDraft: Sendable, Codable {
    public var text: String?
    public var adoptedOn: String?
    public init(text: String? = nil, adoptedOn: String? = nil) {
        self.text = text
        self.adoptedOn = adoptedOn
    }
}

public struct SubCouncilDraft: Sendable, Codable {
    public var name: String?
    public var convenerID: Int64?
    public var establishedOn: String?
    public init(name: String? = nil, convenerID: Int64? = nil, establishedOn: String? = nil) {
        self.name = name
        self.convenerID = convenerID
        self.establishedOn = establishedOn
    }
}

public struct UnitsDraft: Sendable, Codable {
    public var organizationIDs: [Int64]?
    public var joinedOn: String?
    public init(organizationIDs: [Int64]? = nil, joinedOn: String? = nil) {
        self.organizationIDs = organizationIDs
        self.joinedOn = joinedOn
    }
}
