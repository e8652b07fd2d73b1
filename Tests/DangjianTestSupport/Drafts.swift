import Dangjian

extension Principal {
    /// A caller holding one role over one organisation, as a logged-in user would.
    public static func with(_ role: Role, _ organization: Organization, userID: Int64 = 9, memberID: Int64? = nil)
        -> Principal
    {
        Principal(
            userID: userID, username: "user\(userID)", memberID: memberID,
            grants: [Grant(role: role, organizationID: organization.id, path: organization.path)])
    }
}

extension MemberDraft {
    /// A valid full member of `organization`, admitted in 2007.
    public static func full(
        _ organization: Organization, name: String = "张伟", born: String = "1980-05-06", sequence: Int = 123
    ) -> MemberDraft {
        MemberDraft(
            organizationID: organization.id, name: name, idNumber: IDs.make(born: born, sequence: sequence),
            phone: "10012345678", status: "full", appliedOn: "2005-03-01", activistOn: "2005-06-01",
            candidateOn: "2006-07-01", admittedOn: "2007-01-10", fullOn: "2008-01-10")
    }
}
