import Dangjian
import DangjianLua
import Foundation
import Hummingbird

extension Console {
    /// Builds the console on the API's router: the kernel's pages and navigation, then each
    /// `ConsolePlugin`'s, with every template read and parsed now (a broken one stops the build).
    static func build(
        router: Router<DangjianRequestContext>, host: DangjianHost, rules: RuleRuntime?, throttle: LoginThrottle,
        demoPassword: String?
    ) throws -> Console {
        let consolePlugins = host.plugins.ordered.compactMap { $0 as? any ConsolePlugin }
        var folders: [(prefix: String, url: URL)] = []
        if let kernel = ConsoleTemplates.kernelFolder { folders.append(("", kernel)) }
        for plugin in consolePlugins {
            if let folder = plugin.consoleTemplates { folders.append((plugin.id + "/", folder)) }
        }
        let templates = try ConsoleTemplates.load(folders)
        for required in ["layout", "print", "error", "login"] where !templates.has(required) {
            throw ConsoleTemplateError(template: required, problem: "the kernel's template is missing")
        }
        let console = Console(
            router: router, host: host, templates: templates, throttle: throttle, rules: rules,
            demoPassword: demoPassword)
        let pages = ConsolePages(console: console, prefix: "")
        StaticFiles.register(on: router, console: console)
        LoginPages(console: console).register()
        console.addNavigation([
            ConsoleNavigation("工作台", path: "/"),
            ConsoleNavigation("组织与党员", path: "/organizations", right: .readOrganizations, also: ["/members"]),
            ConsoleNavigation("任务与整改", path: "/tasks", right: .readTasks, also: ["/inspections"]),
            ConsoleNavigation("消息中心", path: "/messages"),
        ])
        HomePage(console: console).register(pages)
        MessagePages().register(pages)
        OrganizationPages().register(pages)
        MemberPages().register(pages)
        TaskPages().register(pages)
        AccountPages().register(pages)
        AuditPages().register(pages)
        RulePages(rules: rules).register(pages)
        UserPages().register(pages)
        TokenPages().register(pages)
        for plugin in consolePlugins {
            console.addNavigation(plugin.consoleNavigation)
            console.addPanels(from: plugin)
            plugin.registerPages(ConsolePages(console: console, prefix: "/" + plugin.id), host: host)
        }
        console.addNavigation([
            ConsoleNavigation("规则", path: "/rules", right: .administerHost),
            ConsoleNavigation("审计", path: "/audit", right: .readAudit),
            ConsoleNavigation("用户", path: "/users", right: .manageUsers),
        ])
        return console
    }
}
