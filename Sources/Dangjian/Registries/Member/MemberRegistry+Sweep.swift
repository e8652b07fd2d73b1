extension MemberRegistry {
    /// A member as rules see them: stage dates and flags, never ID or phone numbers, so a rule
    /// cannot copy personal data into a notification.
    public struct SweepMember: Sendable, Codable {
        public let id: Int64
        public let organizationID: Int64
        public let name: String
        public let status: MemberStatus
        public let appliedOn: Day?
        public let talkedOn: Day?
        public let activistOn: Day?
        public let candidateOn: Day?
        public let admittedOn: Day?
        public let fullOn: Day?
        public let retired: Bool
        public let flowing: Bool
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
