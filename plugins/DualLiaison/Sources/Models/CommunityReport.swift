import Dangjian
import Foundation

/// 双报到 (seed 003): an organisation or a party member reports to the community where it is
/// located or they live, and records the service done there. The community is named by its
/// organisation when the registry holds it (domain community), or by name when it does not: a
/// bureau's host rarely holds the street's community organisations.
public struct CommunityReport: Sendable, Codable, Equatable {
    public let id: Int64
    public let memberID: Int64?
    public let organizationID: Int64?
    public let communityID: Int64?
    public let community: String
    public let reportedOn: Day
    /// The day before the reporter reported elsewhere (moved); nil while current.
    public let endedOn: Day?
}

public struct CommunityService: Sendable, Codable, Equatable {
    public let id: Int64
    public let reportID: Int64
    public let community: String
    public let servedOn: Day
    public let hours: Double
    public let description: String
}

/// One member's year: where they reported, what they did there, and the hours in all.
public struct MemberDualReporting: Sendable, Codable, Equatable {
    public let memberID: Int64
    public let name: String
    public let organizationID: Int64
    public let year: Int
    public let reports: [CommunityReport]
    public let services: [CommunityService]
    public let totalHours: Double
}

/// An organisation's year: its own report and services, and its party members' (subtree) in
/// one line each, a page at a time, with who has not reported.
public struct OrganizationDualReporting: Sendable, Codable, Equatable {
    public struct MemberLine: Sendable, Codable, Equatable {
        public let memberID: Int64
        public let name: String
        public let organizationID: Int64
        /// The community of the latest report in force during the year; nil: not reported.
        public let community: String?
        public let services: Int
        public let hours: Double
    }

    public let organizationID: Int64
    public let name: String
    public let year: Int
    public let reports: [CommunityReport]
    public let services: [CommunityService]
    public let totalHours: Double
    /// The party members of the subtree, on every page.
    public let partyMembers: Int
    /// One page of the member lines, in the order of the organisation tree.
    public let members: [MemberLine]
    /// Pass as `cursor` for the next page; nil on the last.
    public let nextCursor: String?
    /// Over the whole subtree, not the page.
    public let membersReported: Int
    public let memberHours: Double
}

/// Exactly one of `memberID` and `organizationID` reports; exactly one of `communityID` and
/// `communityName` names the community.
public struct CommunityReportDraft: Sendable, Codable {
    public var memberID: Int64?
    public var organizationID: Int64?
    public var communityID: Int64?
    public var communityName: String?
    public var reportedOn: String?
    public init(
        memberID: Int64? = nil, organizationID: Int64? = nil, communityID: Int64? = nil, communityName: String? = nil,
        reportedOn: String? = nil
    ) {
        self.memberID = memberID
        self.organizationID = organizationID
        self.communityID = communityID
        self.communityName = communityName
        self.reportedOn = reportedOn
    }
}

public struct CommunityServiceDraft: Sendable, Codable {
    public var memberID: Int64?
    public var organizationID: Int64?
    public var servedOn: String?
    public var hours: Double?
    public var description: String?
    public init(
        memberID: Int64? = nil, organizationID: Int64? = nil, servedOn: String? = nil, hours: Double? = nil,
        description: String? = nil
    ) {
        self.memberID = memberID
        self.organizationID = organizationID
        self.servedOn = servedOn
        self.hours = hours
        self.description = description
    }
}
