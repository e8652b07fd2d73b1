import Dangjian
import DangjianHTTP
import Foundation
import RegionalCouncil

extension DualLiaisonPlugin: ConsolePlugin {
    public var consoleNavigation: [ConsoleNavigation] {
        [ConsoleNavigation("双联系人", path: "/liaison/coverage", right: .readLedger)]
    }

    public var consoleTemplates: URL? { Bundle.module.url(forResource: "Templates", withExtension: nil) }

    public func registerPages(_ pages: ConsolePages, host: DangjianHost) {
        CoveragePages(councils: Councils(host: host), liaisons: Liaisons(host: host)).register(pages)
    }

    /// The sub-councils without a leader or staff liaison, on the home page of whoever sees
    /// their committee; nothing when every one is covered.
    public func homePanels(_ request: ConsoleRequest) async throws -> [ConsolePanel] {
        let liaisons = Liaisons(host: request.host)
        var gaps: [HomeGap] = []
        for committee in try await Councils(host: request.host).list(by: request.principal).flatMap(\.committees) {
            let coverage = try await liaisons.coverage(of: committee.id, by: request.principal)
            gaps += coverage.gaps.map {
                HomeGap(
                    committeeID: committee.id, committee: committee.name, subCouncil: $0.subCouncil,
                    missing: $0.role == .leader ? "缺领导联系人" : "缺党办联系人",
                    since: $0.vacantSince.map(ConsoleWords.date))
            }
        }
        guard !gaps.isEmpty else { return [] }
        return [
            ConsolePanel(
                title: "双联系人缺口", link: "/liaison/coverage", template: "liaison/home-panel",
                content: HomeGaps(gaps: gaps))
        ]
    }
}

/// What the home panel lists: one line per sub-council and missing role.
struct HomeGaps {
    let gaps: [HomeGap]
}

struct HomeGap {
    let committeeID: Int64
    let committee: String
    let subCouncil: String
    let missing: String
    let since: String?
}
