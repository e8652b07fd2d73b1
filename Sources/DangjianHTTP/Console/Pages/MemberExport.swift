import Dangjian

/// The member list as CSV, with the filters of the page it was asked from. It reads the list
/// page by page through the registry (so masking and scope are the list's own), up to a cap
/// that keeps one download from holding a city in memory.
enum MemberExport {
    static let cap = 50_000

    static func csv(_ page: ConsoleRequest) async throws -> ConsoleAnswer {
        let within = page.query("within").flatMap { Int64($0) }
        let filter = try MemberPages.filter(page, within: within)
        var members: [Member] = []
        var cursor: String?
        repeat {
            let found = try await page.host.members.list(
                filter, page: try PageRequest(limit: PageRequest.maxLimit, cursor: cursor), by: page.principal)
            members += found.items
            cursor = found.nextCursor
        } while cursor != nil && members.count < cap
        return .csv(filename: "党员名册-\(page.today).csv", text: try MemberCSV.export(Array(members.prefix(cap))))
    }
}
