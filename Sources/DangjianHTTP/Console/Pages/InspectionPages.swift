import Dangjian

/// 督查: the inspections of the caller's subtree, and one inspection with its findings, each
/// linked to the rectification task it opened.
struct InspectionPages {
    struct Listing {
        let rows: [Row]
        let next: String?
        let empty: Bool
    }
    struct Row {
        let id: Int64
        let title: String
        let organization: String
        let on: String
    }
    struct Detail {
        let title: String
        let organization: String
        let on: String
        let summary: String?
        let findings: [Finding]
    }
    struct Finding {
        let description: String
        let organization: String
        let taskID: Int64?
    }

    func register(_ pages: ConsolePages) {
        pages.get("/inspections") { page in
            let found = try await page.host.tasks.inspections(
                page: try PageRequest(limit: 50, cursor: page.query("cursor")), by: page.principal)
            let names = try await page.host.store.read { [ids = Array(Set(found.items.map(\.organizationID)))] s in
                try OrganizationRegistry.names(of: ids, in: s)
            }
            return .page(
                title: "督查记录", template: "inspections",
                content: Listing(
                    rows: found.items.map {
                        Row(
                            id: $0.id, title: $0.title, organization: names[$0.organizationID] ?? "",
                            on: ConsoleWords.date($0.inspectedOn))
                    },
                    next: found.nextCursor.map { "/inspections?cursor=\(Console.encoded($0))" },
                    empty: found.items.isEmpty))
        }
        pages.get("/inspections/{id}") { page in
            let inspection = try await page.host.tasks.inspection(try page.id(), by: page.principal)
            let ids = Set([inspection.organizationID] + inspection.findings.map(\.organizationID))
            let names = try await page.host.store.read { s in try OrganizationRegistry.names(of: Array(ids), in: s) }
            return .page(
                title: inspection.title, template: "inspection",
                content: Detail(
                    title: inspection.title, organization: names[inspection.organizationID] ?? "",
                    on: ConsoleWords.date(inspection.inspectedOn), summary: inspection.summary,
                    findings: inspection.findings.map {
                        Finding(
                            description: $0.description, organization: names[$0.organizationID] ?? "",
                            taskID: $0.rectificationTaskID)
                    }))
        }
    }
}
