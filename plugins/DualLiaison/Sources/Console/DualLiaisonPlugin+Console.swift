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
}
