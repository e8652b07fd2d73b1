/// Who is calling, resolved once per request from a token. Every registry call takes one,
/// and every query is scoped through it, so a route cannot forget the scoping.
public struct Principal: Sendable, Equatable {
    /// A role held over one organisation's subtree.
    public struct Grant: Sendable, Equatable, Codable {
        /// The role held, which names the rights it gives.
        public let role: Role
        /// The organisation at the top of the subtree the role covers.
        public let organizationID: Int64
        /// The organisation's materialised path, e.g. "/1/4/".
        public let path: String

        /// Public like `Principal.init`, so test support builds without `@testable` (and so in
        /// a release build, where the kernel is not compiled for testing).
        public init(role: Role, organizationID: Int64, path: String) {
            self.role = role
            self.organizationID = organizationID
            self.path = path
        }
    }

    /// The account's id; 0 for `system`.
    public let userID: Int64
    /// The account's username, as the audit log records it.
    public let username: String
    /// The member (党员) the account belongs to, if any; that member's own record is always readable.
    public let memberID: Int64?
    /// Every role the caller holds, each over one subtree.
    public let grants: [Grant]

    /// A signed-in user with their grants, as the auth middleware builds it from a token.
    public init(userID: Int64, username: String, memberID: Int64?, grants: [Grant]) {
        self.userID = userID
        self.username = username
        self.memberID = memberID
        self.grants = grants
    }

    /// The host itself (scheduler jobs, imports run by an operator on the machine): every right
    /// over the whole tree. It never comes from a token.
    public static let system = Principal(
        userID: 0, username: "system", memberID: nil,
        grants: [Grant(role: .districtAdmin, organizationID: 0, path: "/")])

    /// Whether this is the host itself rather than a signed-in user.
    public var isSystem: Bool { userID == 0 }

    /// The subtrees over which the caller holds `right`, with nested ones folded into their parents.
    public func scope(for right: Right) -> Scope {
        let paths = grants.filter { $0.role.rights.contains(right) }.map(\.path)
        return Scope(paths: paths)
    }

    /// Whether a grant whose subtree holds `path` gives `right`.
    public func has(_ right: Right, over path: String) -> Bool {
        scope(for: right).contains(path: path)
    }

    /// Throws a 403 naming the right when `has` is false; callers check scope (404) first.
    public func require(_ right: Right, over path: String) throws {
        guard has(right, over: path) else {
            // Outside every subtree where the caller can even read: do not reveal it exists.
            if !scope(for: .readOrganizations).contains(path: path), memberGrantPath != path {
                throw DangjianError.notFound(.organization)
            }
            throw DangjianError.forbidden(right)
        }
    }

    /// Operator views of the host (jobs, plugins' state) are for district admins of any subtree.
    public func requireDistrictAdmin() throws {
        guard grants.contains(where: { $0.role == .districtAdmin }) else {
            throw DangjianError.forbidden(.administerHost)
        }
    }

    /// For an entity the caller can already see: lacking the right is a plain 403.
    public func requireOnVisible(_ right: Right, over path: String) throws {
        guard has(right, over: path) else { throw DangjianError.forbidden(right) }
    }

    /// Whether the caller may see full ID and phone numbers of people under `path`.
    public func mayUnmask(at path: String) -> Bool { has(.unmaskPersonalData, over: path) }

    private var memberGrantPath: String? { grants.first { $0.role == .member }?.path }
}

/// A set of organisation subtrees, each given by its path prefix.
public struct Scope: Sendable, Equatable {
    /// The outermost subtree paths, sorted; none nests in another.
    public let paths: [String]

    /// The subtrees a caller reads, by their organisation paths ("/1/4/").
    public init(paths: [String]) {
        // Keep only the outermost prefixes: "/1/" covers "/1/4/".
        let sorted = Set(paths).sorted()
        var kept: [String] = []
        for path in sorted where !kept.contains(where: { path.hasPrefix($0) }) {
            kept.append(path)
        }
        self.paths = kept
    }

    /// Whether the scope covers no organisation at all.
    public var isEmpty: Bool { paths.isEmpty }

    /// Whether an organisation's path lies inside one of the subtrees.
    public func contains(path: String) -> Bool { paths.contains { path.hasPrefix($0) } }

    /// A SQL condition that keeps rows whose `column` (an organisation path) lies in the scope.
    /// Each subtree is a range scan on the path index: [prefix, prefix with its last '/' raised to '0').
    public func condition(_ column: String) -> (sql: String, arguments: [SQLValue]) {
        if paths.isEmpty { return ("1 = 0", []) }
        if paths == ["/"] { return ("1 = 1", []) }
        let parts = paths.map { _ in "(\(column) >= ? AND \(column) < ?)" }
        let arguments = paths.flatMap { [SQLValue.text($0), .text(Scope.upperBound($0))] }
        return ("(" + parts.joined(separator: " OR ") + ")", arguments)
    }

    /// Rows whose `column` lies in the single subtree at `path`.
    public static func within(_ column: String, _ path: String) -> (sql: String, arguments: [SQLValue]) {
        ("\(column) >= ? AND \(column) < ?", [.text(path), .text(upperBound(path))])
    }

    /// "/1/4/" → "/1/40": the first string after every path that starts with the prefix,
    /// because '0' is the character right after '/'.
    static func upperBound(_ prefix: String) -> String {
        String(prefix.dropLast()) + "0"
    }
}
