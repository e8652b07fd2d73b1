import Dangjian
import DangjianDemo

/// What every plugin's world is made of: an organisation tree, its members and the accounts
/// that sign in, each created by the system through the public write paths.
extension TemporaryHost {
    /// An organisation under `parent` (a root without one).
    public func organization(
        _ name: String, _ kind: Organization.Kind, under parent: Organization? = nil, domain: String? = nil
    ) async throws -> Organization {
        try await host.organizations.create(
            .init(parentID: parent?.id, name: name, kind: kind.rawValue, domain: domain), by: .system)
    }

    /// A valid full member of `organization` (`MemberDraft.full`); `sequence` keeps ID numbers apart.
    public func fullMember(_ organization: Organization, _ name: String, sequence: Int) async throws -> Member {
        try await host.members.create(.full(organization, name: name, sequence: sequence), by: .system)
    }

    /// Creates the account, which signs in with `Account.password`.
    @discardableResult
    public func create(_ account: Account) async throws -> User {
        try await host.users.create(
            UserDraft(
                username: account.username, displayName: account.displayName ?? account.username,
                password: Account.password, memberID: account.memberID,
                grants: [GrantDraft(role: account.role.rawValue, organizationID: account.organizationID)]),
            by: .system)
    }
}

/// An account holding one role on one organisation, for a test to sign in with.
public struct Account: Sendable {
    /// The password of every test account: the demo's, so `login` signs in to either.
    public static let password = DemoDistrict.password

    public let username: String
    public let role: Role
    public let organizationID: Int64
    public let memberID: Int64?
    public let displayName: String?

    /// - Parameters:
    ///   - member: the member the account belongs to, if any.
    ///   - displayName: defaults to the username.
    public init(
        _ username: String, _ role: Role, on organization: Organization, member: Member? = nil,
        displayName: String? = nil
    ) {
        self.username = username
        self.role = role
        self.organizationID = organization.id
        self.memberID = member?.id
        self.displayName = displayName
    }
}
