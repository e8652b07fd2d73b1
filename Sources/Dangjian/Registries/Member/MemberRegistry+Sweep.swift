extension MemberRegistry {
    /// A member as rules see them: stage dates and flags, never ID or phone numbers, so a rule
    /// cannot copy personal data into a notification.
    public struct SweepMember: Sendable, Codable {
        /// The member's id.
        public let id: Int64
        /// The organisation that holds the member's relation.
        public let organizationID: Int64
        /// The member's name, for a notice's wording.
        public let name: String
        /// The member's stage in the development pipeline.
        public let status: MemberStatus
        /// 入党申请: the day they applied.
        public let appliedOn: Day?
        /// 谈话: the day the organisation first talked with them.
        public let talkedOn: Day?
        /// The day they became an activist (入党积极分子).
        public let activistOn: Day?
        /// The day they became a development candidate (发展对象).
        public let candidateOn: Day?
        /// The day they were admitted as probationary (预备党员).
        public let admittedOn: Day?
        /// The day they became a full member (转正).
        public let fullOn: Day?
        /// 离退休党员.
        public let retired: Bool
        /// 流动党员.
        public let flowing: Bool
        /// 失联党员.
        public let lostContact: Bool
    }

    /// Members of the given statuses across the district, in one query, grouped by organisation.
    /// With `organizationID`, only that organisation's (for an event hook).
    public func sweepMembers(statuses: [MemberStatus], organizationID: Int64? = nil) async throws -> [Int64:
        [SweepMember]]
    {
        guard !statuses.isEmpty else { return [:] }
        let marks = statuses.map { _ in "?" }.joined(separator: ", ")
        let only = organizationID.map { _ in " AND organization_id = ?" } ?? ""
        let arguments = statuses.map { SQLValue($0) } + (organizationID.map { [SQLValue.integer($0)] } ?? [])
        return try await store.read { s in
            var grouped: [Int64: [SweepMember]] = [:]
            try s.forEach(
                """
                SELECT id, organization_id, name, status, applied_on, talked_on, activist_on, candidate_on, admitted_on, full_on,
                       retired, flowing, lost_contact
                FROM members WHERE status IN (\(marks))\(only) ORDER BY organization_id, id
                """, arguments
            ) { row in
                let member = SweepMember(
                    id: try row.int64("id"), organizationID: try row.int64("organization_id"),
                    name: try row.string("name"),
                    status: try row.enumValue("status"), appliedOn: try row.optionalDay("applied_on"),
                    talkedOn: try row.optionalDay("talked_on"),
                    activistOn: try row.optionalDay("activist_on"), candidateOn: try row.optionalDay("candidate_on"),
                    admittedOn: try row.optionalDay("admitted_on"), fullOn: try row.optionalDay("full_on"),
                    retired: try row.bool("retired"), flowing: try row.bool("flowing"),
                    lostContact: try row.bool("lost_contact"))
                grouped[member.organizationID, default: []].append(member)
            }
            return grouped
        }
    }
}
