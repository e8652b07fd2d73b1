import Dangjian

/// 组织与党员: the organisation tree on the left (loaded level by level, with a search box),
/// and the chosen organisation on the right with its members.
struct OrganizationPages {
    struct Content {
        let selected: Selected?
        let roots: [Branch]
    }
    /// A top of the caller's tree, shown open with its first level so the tree never starts as one
    /// closed line; deeper levels load when opened.
    struct Branch {
        let node: OrganizationNode
        let children: [OrganizationNode]
        let selected: Bool
    }
    struct Selected {
        let id: Int64
        let name: String
        let kind: String
        let domain: String?
        let secretary: String?
        let term: String?
        let termEnding: Bool
        let members: MemberPages.Listing
    }

    func register(_ pages: ConsolePages) {
        pages.get("/organizations") { page in
            let roots = try await page.host.organizations.treeRoots(by: page.principal)
            let chosen =
                try page.query("id").map { text -> Int64 in
                    guard let id = Int64(text) else { throw DangjianError.notFound(.organization) }
                    return id
                } ?? roots.first?.id
            var selected: Selected?
            if let chosen {
                let organization = try await page.host.organizations.get(chosen, by: page.principal)
                let listing = try await MemberPages.listing(page, within: chosen)
                var secretary: String?
                if let id = organization.secretaryMemberID {
                    secretary = try? await page.host.members.get(id, by: page.principal).name
                }
                selected = Selected(
                    id: organization.id, name: organization.name, kind: organization.kind.zh,
                    domain: organization.domain.map(ConsoleWords.domain), secretary: secretary,
                    term: organization.termEnd.map { "任期至 " + ConsoleWords.date($0) },
                    termEnding: organization.termEnd.map { $0 <= page.today.adding(months: 6) } ?? false,
                    members: listing)
            }
            var branches: [Branch] = []
            for root in roots {
                let children = try await page.host.organizations.treeChildren(of: root.id, by: page.principal)
                branches.append(Branch(node: root, children: children, selected: root.id == chosen))
            }
            return .page(
                title: selected?.name ?? "组织与党员", template: "organizations",
                content: Content(selected: selected, roots: branches))
        }
        // The tree's own script asks for one level at a time, or for a search.
        pages.get("/organizations/tree") { page in
            if let text = page.query("q") {
                return .json(try await page.host.organizations.searchTree(text, by: page.principal))
            }
            guard let parent = page.query("parent").flatMap({ Int64($0) }) else {
                return .json(try await page.host.organizations.treeRoots(by: page.principal))
            }
            return .json(try await page.host.organizations.treeChildren(of: parent, by: page.principal))
        }
    }
}
