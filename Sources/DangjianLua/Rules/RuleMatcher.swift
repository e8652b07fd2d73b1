import Dangjian

/// `applies_to` against an organisation, and the organisation as rule functions see it.
enum RuleMatcher {
    static func applies(_ appliesTo: LuaValue?, to entry: OrganizationRegistry.SweepEntry) -> Bool {
        guard let fields = appliesTo?.table?.fields else { return true }
        let organization = entry.organization
        func matches(_ value: LuaValue?, _ actual: String?) -> Bool {
            guard let value else { return true }
            let wanted = value.string.map { [$0] } ?? value.table?.array.compactMap(\.string) ?? []
            return actual.map(wanted.contains) ?? false
        }
        if let hasCommittee = fields["has_committee"]?.bool, hasCommittee != (entry.committeeSize > 0) { return false }
        return matches(fields["kind"], organization.kind.rawValue)
            && matches(fields["domain"], organization.domain?.rawValue)
    }

    static func lua(_ entry: OrganizationRegistry.SweepEntry) -> LuaValue {
        let o = entry.organization
        var fields: [String: LuaValue] = [
            "id": .int(o.id), "name": .string(o.name), "kind": .string(o.kind.rawValue), "path": .string(o.path),
            "depth": .int(Int64(o.depth)), "has_committee": .bool(entry.committeeSize > 0),
            "committee_size": .int(Int64(entry.committeeSize)),
        ]
        if let parent = o.parentID { fields["parent_id"] = .int(parent) }
        if let domain = o.domain { fields["domain"] = .string(domain.rawValue) }
        if let start = o.termStart { fields["term_start"] = .string(start.description) }
        if let end = o.termEnd { fields["term_end"] = .string(end.description) }
        if let secretary = o.secretaryMemberID { fields["secretary_member_id"] = .int(secretary) }
        return .table(LuaTable(fields: fields))
    }
}

/// Who a notice goes to, read once per sweep.
struct SweepDirectory: Sendable {
    let byID: [Int64: Organization]
    let secretaries: [Int64: [Int64]]
    let admins: [Int64: [Int64]]
    /// Members with an active account, for `notify = "member"`.
    var accounts: [Int64: UserRegistry.MemberAccounts]

    init(
        entries: [OrganizationRegistry.SweepEntry], secretaries: [Int64: [Int64]], admins: [Int64: [Int64]],
        accounts: [Int64: UserRegistry.MemberAccounts]
    ) {
        byID = Dictionary(uniqueKeysWithValues: entries.map { ($0.organization.id, $0.organization) })
        self.secretaries = secretaries
        self.admins = admins
        self.accounts = accounts
    }

    /// Reads who notices go to, one query each: the secretaries and district admins, and every
    /// member's accounts. With `organizationIDs` (an event hook), only their holders and no
    /// accounts: the write path reads no district; `addAccounts` reads the members a hook names.
    static func load(_ host: DangjianHost, entries: [OrganizationRegistry.SweepEntry], organizationIDs: [Int64]? = nil)
        async throws -> SweepDirectory
    {
        SweepDirectory(
            entries: entries,
            secretaries: try await host.users.holders(of: .secretary, organizationIDs: organizationIDs),
            admins: try await host.users.holders(of: .districtAdmin, organizationIDs: organizationIDs),
            accounts: organizationIDs == nil ? try await host.users.memberAccounts() : [:])
    }

    /// Adds the accounts of the members an answer names in `notify = "member"` intents.
    mutating func addAccounts(namedIn answer: LuaValue, _ host: DangjianHost) async throws {
        let named = (answer.table?.array ?? []).compactMap { $0["notify"].string == "member" ? $0["member"].int : nil }
            .filter { accounts[$0] == nil }
        guard !named.isEmpty else { return }
        accounts.merge(try await host.users.memberAccounts(memberIDs: named)) { $1 }
    }

    /// "secretary": the organisation's secretaries. "parent.secretary": the nearest ancestor
    /// with a secretary account, or failing that with a district admin, so an escalation
    /// always reaches someone above when anyone is there. "member": the member's own accounts.
    func recipients(_ recipient: Recipient, of organization: Organization, member: Int64? = nil) -> [Int64] {
        switch recipient {
        case .member:
            return member.flatMap { accounts[$0]?.userIDs } ?? []
        case .secretary:
            return secretaries[organization.id] ?? []
        case .parentSecretary:
            var current = organization.parentID.flatMap { byID[$0] }
            while let ancestor = current {
                if let users = secretaries[ancestor.id] ?? admins[ancestor.id], !users.isEmpty { return users }
                current = ancestor.parentID.flatMap { byID[$0] }
            }
            return []
        }
    }
}
