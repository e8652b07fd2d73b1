import Dangjian

/// 消息中心: the inbox, unread first by default, with mark-read and read-all. Opening a
/// message marks it read and follows its link inside the console.
struct MessagePages {
    struct Content {
        let reminders: [MessageLine]
        let back: String
        let unreadOnly: Bool
        let next: String?
        let empty: Bool
    }

    func register(_ pages: ConsolePages) {
        pages.get("/messages") { page in
            let unreadOnly = page.query("all") == nil
            let inbox = try await page.host.notifications.inbox(
                unreadOnly: unreadOnly, page: try PageRequest(limit: 30, cursor: page.query("cursor")),
                by: page.principal)
            let next = inbox.nextCursor.map { "/messages?\(unreadOnly ? "" : "all=1&")cursor=\(Console.encoded($0))" }
            return .page(
                title: "消息中心", template: "messages",
                content: Content(
                    reminders: inbox.items.map { MessageLine($0) }, back: unreadOnly ? "/messages" : "/messages?all=1",
                    unreadOnly: unreadOnly, next: next,
                    empty: inbox.items.isEmpty))
        }
        pages.post("/messages/{id}/read") { page, form in
            let read = try await page.host.notifications.markRead(try page.id(), by: page.principal)
            if form.flag("open"), let link = MessageLine(read).link { return .redirect(link) }
            return .redirect(LoginPages.safeNext(form.text("back") ?? "/messages"), notice: "已标记为已读")
        }
        pages.post("/messages/read-all") { page, _ in
            let count = try await page.host.notifications.markAllRead(by: page.principal)
            return .redirect("/messages", notice: "已将 \(count) 条消息标记为已读")
        }
    }
}
