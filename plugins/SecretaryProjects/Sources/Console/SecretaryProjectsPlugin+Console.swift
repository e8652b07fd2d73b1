import Dangjian
import DangjianHTTP
import Foundation

extension SecretaryProjectsPlugin: ConsolePlugin {
    public var consoleNavigation: [ConsoleNavigation] {
        [ConsoleNavigation("书记项目", path: "/secretary/programmes", right: .readLedger)]
    }

    public var consoleTemplates: URL? { Bundle.module.url(forResource: "Templates", withExtension: nil) }

    public func registerPages(_ pages: ConsolePages, host: DangjianHost) {
        let (programmes, projects) = (Programmes(host: host), Projects(host: host))
        ProgrammePages(programmes: programmes, projects: projects).register(pages)
        PrintPages(
            programmes: programmes, projects: projects, supervision: Supervision(host: host),
            appraisal: appraisal(host)
        ).register(pages)
    }
}
