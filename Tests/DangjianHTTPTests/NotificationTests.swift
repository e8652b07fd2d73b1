import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import Dangjian
@testable import DangjianHTTP
import DangjianTestSupport

@Suite struct NotificationTests {
    struct Unread: Decodable { let unread: Int }
    struct Changed: Decodable { let changed: Int }

    @Test func welcomeNotificationCanBeMarkedRead() async throws {
        let server = try await TestServer.make(demo: true)
        try await server.test { client in
            let world = try await DemoWorld.login(client, server)
            for token in [world.admin, world.secretary] {
                let inbox = try await client.call(.get, "/api/v1/notifications", token: token).decode(
                    ListPage<Dangjian.Notification>.self)
                #expect(inbox.items.count == 1)
                #expect(inbox.items.first?.title == "欢迎使用党建工作平台")
                #expect(inbox.items.first?.readAt == nil)
                #expect(
                    try await client.call(.get, "/api/v1/notifications/unread-count", token: token).decode(Unread.self)
                        .unread == 1)
            }
            let me = try await client.call(.get, "/api/v1/users/me", token: world.admin).decode(User.self)
            let welcome = try #require(
                try await client.call(.get, "/api/v1/notifications", token: world.admin)
                    .decode(ListPage<Dangjian.Notification>.self).items.first)
            #expect(welcome.userID == me.id)

            server.clock.advance(by: 60)
            let read = try await client.call(.post, "/api/v1/notifications/\(welcome.id)/read", token: world.admin)
            #expect(read.status == .ok)
            #expect(try read.decode(Dangjian.Notification.self).readAt == TestServer.start.addingTimeInterval(60))
            #expect(
                try await client.call(.get, "/api/v1/notifications/unread-count", token: world.admin).decode(
                    Unread.self
                ).unread == 0)
            let unreadOnly = try await client.call(.get, "/api/v1/notifications?unreadOnly=true", token: world.admin)
                .decode(ListPage<Dangjian.Notification>.self)
            #expect(unreadOnly.items.isEmpty)

            // Reading it again keeps the first read time.
            server.clock.advance(by: 60)
            let again = try await client.call(.post, "/api/v1/notifications/\(welcome.id)/read", token: world.admin)
            #expect(try again.decode(Dangjian.Notification.self).readAt == TestServer.start.addingTimeInterval(60))
            // The secretary's inbox is untouched.
            #expect(
                try await client.call(.get, "/api/v1/notifications/unread-count", token: world.secretary).decode(
                    Unread.self
                ).unread == 1)
        }
        await server.close()
    }

    @Test func anotherUsersNotificationIsNotFound() async throws {
        let server = try await TestServer.make(demo: true)
        try await server.test { client in
            let world = try await DemoWorld.login(client, server)
            let adminsWelcome = try #require(
                try await client.call(.get, "/api/v1/notifications", token: world.admin)
                    .decode(ListPage<Dangjian.Notification>.self).items.first)
            let response = try await client.call(
                .post, "/api/v1/notifications/\(adminsWelcome.id)/read", token: world.secretary)
            expectError(response, .notFound, "notification.notFound")
            // And it stays unread for its owner.
            #expect(
                try await client.call(.get, "/api/v1/notifications/unread-count", token: world.admin).decode(
                    Unread.self
                ).unread == 1)
            expectError(
                try await client.call(.post, "/api/v1/notifications/99999/read", token: world.admin),
                .notFound, "notification.notFound")
        }
        #expect(try await server.count("notifications", "read_at IS NOT NULL") == 0)
        await server.close()
    }

    @Test func readAllMarksOnlyTheCallersOwn() async throws {
        let server = try await TestServer.make(demo: true)
        try await server.test { client in
            let world = try await DemoWorld.login(client, server)
            let changed = try await client.call(.post, "/api/v1/notifications/read-all", token: world.secretary)
            #expect(changed.status == .ok)
            #expect(try changed.decode(Changed.self).changed == 1)
            #expect(
                try await client.call(.post, "/api/v1/notifications/read-all", token: world.secretary).decode(
                    Changed.self
                ).changed == 0)
            #expect(
                try await client.call(.get, "/api/v1/notifications/unread-count", token: world.admin).decode(
                    Unread.self
                ).unread == 1)
        }
        await server.close()
    }
}
