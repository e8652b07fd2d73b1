import Dangjian
import DangjianHTTP
import Foundation

/// 区域化党建: the councils with their committees and sub-councils (member units from anywhere
/// in the tree), a committee's research topics as a stage board, and a topic's page.
struct CouncilPages {
    let councils: Councils
    let topics: Topics

    struct Unit {
        let name: String
        let joined: String
    }
    struct SubCouncilView {
        let name: String
        let convener: String
        let established: String
        let units: [Unit]
    }
    struct CommitteeView {
        let id: Int64
        let name: String
        let organization: String
        let established: String
        let charter: String?
        let charterVersion: Int
        let charterAdopted: String?
        let subCouncils: [SubCouncilView]
        let today: String
    }
    struct CouncilView {
        let id: Int64
        let name: String
        let organization: String
        let committees: [CommitteeView]
    }
    struct Listing {
        let councils: [CouncilView]
        let empty: Bool
    }

    func register(_ pages: ConsolePages) {
        pages.get("/councils") { page in
            let found = try await councils.list(by: page.principal)
            let views = try await Self.views(found, host: page.host, today: page.today)
            return .page(
                title: "区域化党建", template: "council/councils", content: Listing(councils: views, empty: views.isEmpty))
        }
        pages.get("/councils/{id}") { page in
            let council = try await councils.council(try page.id(), by: page.principal)
            let view = try await Self.views([council], host: page.host, today: page.today)[0]
            return .page(title: council.name, template: "council/council", content: view)
        }
        pages.post("/committees/{id}/charter") { page, form in
            let committee = try await councils.adoptCharter(
                of: try page.id(), CharterDraft(text: form.text("text"), adoptedOn: form.text("adoptedOn")),
                by: page.principal)
            return .redirect("/council/councils/\(committee.councilID)", notice: "章程第 \(committee.charterVersion) 版已通过")
        }
        TopicBoard(councils: councils, topics: topics).register(pages)
    }

    /// Councils with every organisation named, in one read.
    static func views(_ councils: [Council], host: DangjianHost, today: Day) async throws -> [CouncilView] {
        let committees = councils.flatMap(\.committees)
        let subCouncils = committees.flatMap(\.subCouncils)
        let ids =
            councils.map(\.organizationID) + committees.map(\.organizationID) + subCouncils.map(\.convenerID)
        let names = try await host.store.read { s in try OrganizationRegistry.names(of: ids, in: s) }
        return councils.map { council in
            CouncilView(
                id: council.id, name: council.name, organization: names[council.organizationID] ?? "",
                committees: council.committees.map { committee in
                    CommitteeView(
                        id: committee.id, name: committee.name, organization: names[committee.organizationID] ?? "",
                        established: ConsoleWords.date(committee.establishedOn), charter: committee.charter,
                        charterVersion: committee.charterVersion,
                        charterAdopted: committee.charterAdoptedOn.map(ConsoleWords.date),
                        subCouncils: committee.subCouncils.map { sub in
                            SubCouncilView(
                                name: sub.name, convener: names[sub.convenerID] ?? "",
                                established: ConsoleWords.date(sub.establishedOn),
                                units: sub.units.map { Unit(name: $0.name, joined: ConsoleWords.date($0.joinedOn)) })
                        }, today: today.description)
                })
        }
    }
}
