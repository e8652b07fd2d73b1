import Dangjian
import Foundation

/// The member list (filters by status and flags, sorting, paging, CSV export) and the member
/// page with its tabs in the national system's order. ID and phone numbers arrive masked from
/// the registry unless the caller may see them; the console only shows what it is given.
struct MemberPages {
    struct Listing {
        let within: Int64?
        let rows: [Row]
        let next: String?
        let csv: String
        let statuses: [Choice]
        let flags: [Choice]
        let sorts: [Choice]
        let empty: Bool
    }
    struct Row {
        let id: Int64
        let name: String
        let status: String
        let organization: String
        let phone: String
        let flags: String
        let since: String
    }
    struct Choice {
        let value: String
        let label: String
        let selected: Bool
    }

    static let flagChoices: [(String, String)] = [("retired", "离退休"), ("flowing", "流动党员"), ("lostContact", "失联党员")]
    static let sortChoices: [(String, String)] = [("id", "登记顺序"), ("name", "姓名"), ("-updatedAt", "最近修改")]

    /// The filter the query asks for; unknown values are refused as the API refuses them.
    static func filter(_ page: ConsoleRequest, within: Int64?) throws -> MemberRegistry.Filter {
        var filter = MemberRegistry.Filter(within: within, sort: try .members(page.query("sort")))
        if let status = page.query("status") {
            guard let value = MemberStatus(rawValue: status) else {
                throw DangjianError.badValue("status", zh: "状态无效", en: "unknown status")
            }
            filter.status = value
        }
        switch page.query("flag") {
        case "retired": filter.retired = true
        case "flowing": filter.flowing = true
        case "lostContact": filter.lostContact = true
        default: break
        }
        return filter
    }

    /// One page of the list, as the organisation page and the member list show it.
    static func listing(_ page: ConsoleRequest, within: Int64?) async throws -> Listing {
        let filter = try filter(page, within: within)
        let found = try await page.host.members.list(
            filter, page: try PageRequest(limit: 50, cursor: page.query("cursor")), by: page.principal)
        let names = try await page.host.store.read { [ids = Array(Set(found.items.map(\.organizationID)))] s in
            try OrganizationRegistry.names(of: ids, in: s)
        }
        var query: [String] = []
        if let within { query.append("within=\(within)") }
        for name in ["status", "flag", "sort"] {
            if let v = page.query(name) { query.append("\(name)=\(Console.encoded(v))") }
        }
        let base = query.joined(separator: "&")
        let status = page.query("status")
        let flag = page.query("flag")
        let sort = page.query("sort") ?? "id"
        return Listing(
            within: within,
            rows: found.items.map { member in
                Row(
                    id: member.id, name: member.name, status: member.status.zh,
                    organization: names[member.organizationID] ?? "", phone: member.phone ?? "—",
                    flags: flags(of: member),
                    since: ConsoleWords.date(member.fullOn ?? member.admittedOn ?? member.appliedOn))
            },
            next: found.nextCursor.map { "/members?\(base.isEmpty ? "" : base + "&")cursor=\(Console.encoded($0))" },
            csv: "/members.csv" + (base.isEmpty ? "" : "?" + base),
            statuses: [Choice(value: "", label: "全部状态", selected: status == nil)]
                + MemberStatus.allCases.map {
                    Choice(value: $0.rawValue, label: $0.zh, selected: status == $0.rawValue)
                },
            flags: [Choice(value: "", label: "全部", selected: flag == nil)]
                + flagChoices.map { Choice(value: $0.0, label: $0.1, selected: flag == $0.0) },
            sorts: sortChoices.map { Choice(value: $0.0, label: $0.1, selected: sort == $0.0) },
            empty: found.items.isEmpty)
    }

    static func flags(of member: Member) -> String {
        var flags: [String] = []
        if member.retired { flags.append("离退休") }
        if member.flowing { flags.append("流动") }
        if member.lostContact { flags.append("失联") }
        if member.pendingTransferID != nil { flags.append("转接中") }
        return flags.joined(separator: "、")
    }

    func register(_ pages: ConsolePages) {
        pages.get("/members") { page in
            let within = try page.query("within").map { text -> Int64 in
                guard let id = Int64(text) else { throw DangjianError.notFound(.organization) }
                return id
            }
            return .page(title: "党员名册", template: "members", content: try await Self.listing(page, within: within))
        }
        pages.get("/members.csv") { page in try await MemberExport.csv(page) }
        let console = pages.console
        pages.get("/members/{id}") { page in try await MemberProfile.page(page, console: console) }
        pages.post("/members/{id}/status") { page, form in
            let id = try page.id()
            _ = try await page.host.members.changeStatus(
                id, StatusChange(status: form.text("status"), on: form.text("on"), reason: form.text("reason")),
                by: page.principal)
            return .redirect("/members/\(id)?tab=history", notice: "状态已变更")
        }
        pages.post("/members/{id}/transfer") { page, form in
            let id = try page.id()
            // The console asks for the reason; the API leaves the note optional.
            guard form.text("note") != nil else { throw DangjianError.required("note") }
            _ = try await page.host.members.startTransfer(
                id,
                TransferRequest(
                    toOrganizationID: try form.id("toOrganizationID"), sentOn: form.text("sentOn"),
                    note: form.text("note")),
                by: page.principal)
            return .redirect("/members/\(id)?tab=transfers", notice: "已发起组织关系转接")
        }
    }
}
