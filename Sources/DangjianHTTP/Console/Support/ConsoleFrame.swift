import Dangjian
import Foundation
import Hummingbird

/// What every page's frame shows: the title, the navigation the caller may use, the signed-in
/// user, the message bell's unread count, the CSRF token for the page's forms, and a notice
/// left by the form that led here.
struct ConsoleFrame {
    /// The cookie a form's redirect leaves its notice in, read once by the next page.
    static let noticeCookie = "dj_notice"

    struct Item {
        let label: String
        let path: String
        let active: Bool
    }

    let title: String
    let body: String
    let user: String
    let unread: Int
    let hasUnread: Bool
    let navigation: [Item]
    let csrf: String
    let notice: String?

    static func make(
        title: String, body: String, for page: ConsoleRequest, csrf: String, console: Console
    ) async throws -> ConsoleFrame {
        let principal = page.principal
        let me = try await page.host.users.me(principal)
        let unread = try await page.host.notifications.unreadCount(by: principal)
        let path = page.request.uri.path
        let visible = console.navigation.filter { entry in
            entry.right.map { !principal.scope(for: $0).paths.isEmpty } ?? true
        }
        // The longest matching entry is the active one, so "/" is active only on the home page.
        let active = visible.filter { entry in
            entry.path == "/" ? path == "/" : ([entry.path] + entry.also).contains { path.hasPrefix($0) }
        }.max { $0.path.count < $1.path.count }?.path
        let notice = ConsoleSession.cookie(noticeCookie, in: page.request).flatMap { $0.removingPercentEncoding }
        return ConsoleFrame(
            title: title, body: body, user: me.displayName, unread: unread, hasUnread: unread > 0,
            navigation: visible.map { Item(label: $0.label, path: $0.path, active: $0.path == active) },
            csrf: csrf, notice: notice)
    }
}
