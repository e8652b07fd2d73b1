import Dangjian
import Foundation

/// Whether every sub-council of a committee has both liaisons, and who liaises with more
/// sub-councils than the quota allows (possible when the quota was lowered later).
public struct LiaisonCoverage: Sendable, Codable, Equatable {
    /// A sub-council without a liaison in one role.
    public struct Gap: Sendable, Codable, Equatable {
        public let subCouncilID: Int64
        public let subCouncil: String
        public let role: LiaisonRole
        /// The day after the last liaison in the role left; nil when the role was never filled.
        public let vacantSince: Day?
    }

    public struct OverQuota: Sendable, Codable, Equatable {
        public struct Place: Sendable, Codable, Equatable {
            public let subCouncilID: Int64
            public let name: String
        }
        public let memberID: Int64
        public let name: String
        public let role: LiaisonRole
        /// The sub-councils the person liaises with in the role that the caller may see: this
        /// committee's, and another committee's only when the caller may read that committee.
        public let subCouncils: [Place]
        /// How many more the person liaises with in committees the caller cannot read: counted,
        /// never named.
        public let elsewhere: Int
        public let quota: Int
    }

    public let committeeID: Int64
    public let maxSubCouncilsPerPerson: Int
    public let subCouncils: Int
    /// Sub-councils with both liaisons.
    public let covered: Int
    public let gaps: [Gap]
    public let overQuota: [OverQuota]
}
