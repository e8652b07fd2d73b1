import Dangjian
import DangjianHTTP
import Foundation

extension BrandCreationPlugin: ConsolePlugin {
    public var consoleNavigation: [ConsoleNavigation] {
        [ConsoleNavigation("党建品牌", path: "/brand/brands", right: .readLedger)]
    }

    public var consoleTemplates: URL? { Bundle.module.url(forResource: "Templates", withExtension: nil) }

    public func registerPages(_ pages: ConsolePages, host: DangjianHost) {
        BrandPages(brands: Brands(host: host)).register(pages)
        RoundPages(evaluations: evaluations(host)).register(pages)
    }
}
