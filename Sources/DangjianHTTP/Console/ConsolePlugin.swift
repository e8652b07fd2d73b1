import Dangjian
import Foundation

/// A plugin that adds pages to the console, as a `RoutedPlugin` adds routes. Its pages live
/// under `/<plugin id>/…`, its templates under `Sources/Console/Templates` (registered as
/// "<plugin id>/<name>"), and its entries join the navigation for callers who hold their right.
public protocol ConsolePlugin: HostPlugin {
    /// The plugin's entries in the side navigation, in order.
    var consoleNavigation: [ConsoleNavigation] { get }
    /// The folder of the plugin's templates: `Bundle.module.url(forResource: "Templates", withExtension: nil)`.
    var consoleTemplates: URL? { get }
    /// Adds the plugin's pages while the application is built; `pages` prefixes each path with `/<plugin id>`.
    func registerPages(_ pages: ConsolePages, host: DangjianHost)
    /// Panels the plugin adds to the home page (工作台) for this caller, e.g. the quarter's
    /// compliance; each is rendered from one of the plugin's templates.
    func homePanels(_ request: ConsoleRequest) async throws -> [ConsolePanel]
    /// Sections the plugin adds to a member's page under its tab 组织生活 (OrgLife: the meetings the
    /// member attended or missed this year); read through the plugin's API with the request's caller.
    func memberPanels(_ request: ConsoleRequest, memberID: Int64) async throws -> [ConsolePanel]
}

extension ConsolePlugin {
    /// A plugin adds no home panel unless it says so.
    public func homePanels(_ request: ConsoleRequest) async throws -> [ConsolePanel] { [] }
    /// A plugin adds nothing to a member's page unless it says so.
    public func memberPanels(_ request: ConsoleRequest, memberID: Int64) async throws -> [ConsolePanel] { [] }
}

/// One entry in the console's side navigation.
public struct ConsoleNavigation: Sendable {
    /// The label, in Chinese, e.g. "组织生活".
    public let label: String
    /// The path the entry opens, e.g. "/orglife/calendar".
    public let path: String
    /// The right the caller needs over some subtree to see the entry.
    public let right: Right?
    /// Other path prefixes whose pages belong to this entry, e.g. "/members" under "组织与党员".
    public let also: [String]

    /// An entry shown to callers holding `right` over any subtree (everyone when nil), marked
    /// active on its own path and on the pages under `also`.
    public init(_ label: String, path: String, right: Right? = nil, also: [String] = []) {
        self.label = label
        self.path = path
        self.right = right
        self.also = also
    }
}

/// A box on the home page: a title, a link to the full page, and the template that draws it.
public struct ConsolePanel: Sendable {
    /// The panel's title, e.g. "本季度三会一课落实情况".
    public let title: String
    /// Where "查看全部" leads.
    public let link: String?
    /// The template that renders `content`, e.g. "orglife/home-panel".
    public let template: String
    /// What the template reads.
    public let content: any Sendable
    /// For a panel too costly for the page itself: the plugin's page that draws it (a
    /// `.fragment` answer), which the home page's script loads once the page is shown.
    public let source: String?

    /// A panel drawn by `template` from `content`, inside the home page.
    public init(title: String, link: String?, template: String, content: any Sendable) {
        self.title = title
        self.link = link
        self.template = template
        self.content = content
        self.source = nil
    }

    /// A panel the home page loads from `source` after it is shown, so that its cost (the
    /// quarter's whole compliance matrix over a city, say) does not hold the page back.
    public init(title: String, link: String?, loadedFrom source: String) {
        self.title = title
        self.link = link
        self.template = ""
        self.content = ""
        self.source = source
    }
}
