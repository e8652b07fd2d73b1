import Dangjian
import DangjianHTTP
import Foundation

extension RegionalCouncilPlugin: ConsolePlugin {
    public var consoleNavigation: [ConsoleNavigation] {
        [ConsoleNavigation("区域化党建", path: "/council/councils", right: .readLedger)]
    }

    public var consoleTemplates: URL? { Bundle.module.url(forResource: "Templates", withExtension: nil) }

    public func registerPages(_ pages: ConsolePages, host: DangjianHost) {
        CouncilPages(councils: Councils(host: host), topics: Topics(host: host)).register(pages)
    }
}
