import DangjianHTTPTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import Dangjian

/// Issue 15's API over real HTTP: robots are added by district admins with their URL and secret
/// write-only, bad input is refused with a stable code and stores nothing, another subtree's
/// robot is a 404, and every user sets their own channels and mutes.
@Suite struct DeliveryAPITests {
    @Test func robotsAreWriteOnlyCheckedAndScoped() async throws {
        let server = try await TestServer.make(demo: true)
        defer { Task { await server.close() } }
        try await server.test { client in
            let world = try await DemoWorld.login(client, server)
            let url = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=4b1d-secret-9f3a"
            let created = try await client.send(
                .post, "/api/v1/admin/channels", token: world.admin,
                json: json([
                    "organizationID": world.branchID, "kind": "dingtalk", "name": "教学第1党支部群", "url": url,
                    "secret": "SEC0123456789",
                ]))
            #expect(created.status == .created, "\(created.text)")
            #expect(!created.text.contains("4b1d-secret") && !created.text.contains("SEC0123456789"))
            let robot = try created.decoded(ChannelEndpoint.self)
            #expect(robot.addressHint == "https://qyapi.weixin.qq.com/…****9f3a" && robot.hasSecret)
            let listed = try await client.send(.get, "/api/v1/admin/channels", token: world.admin)
            #expect(listed.status == .ok && !listed.text.contains("4b1d-secret") && listed.text.contains("教学第1党支部群"))
            // The audit log has the masked view only.
            let audit = try await client.send(.get, "/api/v1/audit?entity=channel", token: world.admin)
            #expect(audit.status == .ok && audit.text.contains("****9f3a") && !audit.text.contains("SEC0123456789"))

            // Bad input: a clear 4xx with a stable code, and nothing stored.
            for (body, code) in [
                (["kind": "wecom", "name": "群", "url": "http://example.cn/hook"], "channel.badAddress"),
                (["kind": "slack", "name": "群", "url": "https://example.cn/hook"], "channel.badKind"),
                (
                    [
                        "kind": "webhook", "name": "群", "url": "https://example.cn/hook",
                        "secret": String(repeating: "x", count: 201),
                    ],
                    "channel.secretTooLong"
                ),
            ] as [([String: Any], String)] {
                var draft = body
                draft["organizationID"] = world.branchID
                let refused = try await client.send(
                    .post, "/api/v1/admin/channels", token: world.admin, json: json(draft))
                expectErrorBody(refused, .badRequest, code)
                #expect(!refused.text.contains("example.cn/hook"), "the refusal does not repeat the URL")
            }
            #expect(try await server.count("channel_endpoints") == 1)
            let mobile = try await client.send(
                .put, "/api/v1/me/channels/dingtalk", token: world.secretary, json: #"{"address": "1380013800"}"#)
            expectErrorBody(mobile, .badRequest, "channel.badMobile", field: "address")

            // A secretary manages no robots; their own channels and mutes are theirs.
            let forbidden = try await client.send(.get, "/api/v1/admin/channels/\(robot.id)", token: world.secretary)
            expectErrorBody(forbidden, .notFound, "channel.notFound")
            let mine = try await client.send(
                .put, "/api/v1/me/channels/email", token: world.secretary, json: #"{"address": "wang@example.cn"}"#)
            #expect(mine.status == .ok)
            #expect(
                try await client.send(.put, "/api/v1/me/mutes/reminder", token: world.secretary).status == .noContent)
            let muteEscalation = try await client.send(.put, "/api/v1/me/mutes/escalation", token: world.secretary)
            expectErrorBody(muteEscalation, .badRequest, "channel.notMutable")
            let own = try await client.send(.get, "/api/v1/me/channels", token: world.secretary)
            #expect(own.text.contains("wang@example.cn") && own.text.contains(#""muted":["reminder"]"#), "\(own.text)")

            // Routes and deliveries: the test message is queued for the robot.
            let route = try await client.send(
                .put, "/api/v1/admin/delivery-routes", token: world.admin,
                json: json(["organizationID": world.rootID, "kind": "reminder", "targets": ["group", "email"]]))
            #expect(route.status == .ok, "\(route.text)")
            let test = try await client.send(.post, "/api/v1/admin/channels/\(robot.id)/test", token: world.admin)
            #expect(test.status == .accepted, "\(test.text)")
            let pending = try await client.send(.get, "/api/v1/admin/deliveries?status=pending", token: world.admin)
            let page = try pending.decoded(PageReply<Outbox.Delivery>.self)
            #expect(page.items.map(\.channel) == ["dingtalk"] && page.items[0].endpointID == robot.id)
            let notDead = try await client.send(
                .post, "/api/v1/admin/deliveries/\(page.items[0].id)/retry", token: world.admin)
            expectErrorBody(notDead, .conflict, "delivery.notDead")
            let paused = try await client.send(.post, "/api/v1/admin/channels/\(robot.id)/pause", token: world.admin)
            #expect(try paused.decoded(ChannelEndpoint.self).paused)
        }
    }
}
