import Dangjian
import DangjianDelivery
import Foundation
import Testing

/// Real sends to the robots' peer, which checks each signature with the channel's documented
/// algorithm: what arrives, as the group would see it.
@Suite struct RobotDeliveryTests {
    /// The text every channel shows for `RobotSamples.notice()`.
    static let lines = [
        "三会一课提醒 1", "请于本月25日前完成。\n地点：党员活动室", "规则 orglife.meetings@3", "查看：https://console.example.cn/tasks/1",
    ]

    @Test func weComSendsTextWithMentionsAndMarkdownForALink() async throws {
        try await RobotPeer.run { peer, transport in
            let mentioned = await transport.send(
                RobotSamples.message(mentions: ["13800000001"]),
                to: RobotSamples.target(.wecom, "wecom-key-1", on: peer))
            let linked = await transport.send(
                RobotSamples.message(), to: RobotSamples.target(.wecom, "wecom-key-2", on: peer))
            #expect(mentioned == .delivered(answer: #"200 {"errcode": 0, "errmsg": "ok"}"#))
            #expect(linked == .delivered(answer: #"200 {"errcode": 0, "errmsg": "ok"}"#))
            let received = try await peer.received()
            try #require(received.count == 2)
            #expect(received[0].text == Self.lines.joined(separator: "\n"))
            #expect(received[0].mentions == ["13800000001"] && received[0].body.contains(#""msgtype":"text""#))
            #expect(received[1].body.contains(#""msgtype":"markdown""#))
            #expect(
                received[1].text?.contains(
                    "查看：[https://console.example.cn/tasks/1](https://console.example.cn/tasks/1)") == true)
            #expect(received.allSatisfy { $0.idempotencyKey == "message-key" })
        }
    }

    /// Several notices due for one group go as one message, each told in full, apart by a blank line.
    @Test func aBatchReadsAsItsNoticesInOrder() async throws {
        try await RobotPeer.run { peer, transport in
            var plain = RobotSamples.notice(3, body: "")
            plain.link = nil
            plain.ruleRef = nil
            let message = RobotSamples.message(
                [RobotSamples.notice(1), RobotSamples.notice(2), plain], mentions: ["13800000001"])
            #expect(await transport.send(message, to: RobotSamples.target(.wecom, "wecom-key-1", on: peer)).isDelivered)
            let text = try #require(try await peer.received().first?.text)
            let second = Self.lines.joined(separator: "\n").replacingOccurrences(of: "1", with: "2")
            #expect(text == [Self.lines.joined(separator: "\n"), second, "三会一课提醒 3"].joined(separator: "\n\n"))
        }
    }

    @Test func dingTalkIsSignedAndMentionsByMobile() async throws {
        try await RobotPeer.run(secrets: ["ding-token": "SECding-secret"]) { peer, transport in
            let target = RobotSamples.target(.dingtalk, "ding-token", on: peer, secret: "SECding-secret")
            let outcome = await transport.send(
                RobotSamples.message(mentions: ["13800000001", "13900000002"]), to: target)
            #expect(outcome == .delivered(answer: #"200 {"errcode": 0, "errmsg": "ok"}"#))
            var wrong = target
            wrong.secret = "SECnot-the-secret"
            let refused = await transport.send(RobotSamples.message(), to: wrong)
            #expect(refused == .permanent(answer: #"200 {"errcode": 310000, "errmsg": "sign not match"}"#))
            let received = try await peer.received()
            try #require(received.count == 1)
            #expect(received[0].mentions == ["13800000001", "13900000002"])
            #expect(
                received[0].text
                    == (["@13800000001 @13900000002"] + [Self.lines.joined(separator: "\n")]).joined(separator: "\n\n"))
            #expect(received[0].idempotencyKey == "message-key")
        }
    }

    @Test func feishuIsSignedInTheBodyAndMentionsWithAtTags() async throws {
        try await RobotPeer.run(secrets: ["feishu-hook": "feishu-secret"]) { peer, transport in
            let target = RobotSamples.target(.feishu, "feishu-hook", on: peer, secret: "feishu-secret")
            let outcome = await transport.send(RobotSamples.message(mentions: ["ou_1a2b"]), to: target)
            #expect(outcome.isDelivered)
            var wrong = target
            wrong.secret = "another-secret"
            let refused = await transport.send(RobotSamples.message(), to: wrong)
            #expect(refused.isPermanent && refused.answer.contains("19021"))
            let received = try await peer.received()
            try #require(received.count == 1)
            #expect(received[0].mentions == ["ou_1a2b"])
            #expect(received[0].text?.hasPrefix(#"<at user_id="ou_1a2b"></at>"#) == true)
            #expect(received[0].text?.hasSuffix(Self.lines.joined(separator: "\n")) == true)
            #expect(received[0].body.contains(#""sign":"#) && received[0].idempotencyKey == "message-key")
        }
    }

    @Test func theWebhookCarriesTheNoticesSignedSoAReceiverCanCheckThem() async throws {
        try await RobotPeer.run(secrets: ["hook-1": "whsec-1"]) { peer, transport in
            let target = RobotSamples.target(.webhook, "hook-1", on: peer, secret: "whsec-1")
            let message = RobotSamples.message(
                [RobotSamples.notice(1), RobotSamples.notice(2)], mentions: ["13800000001"])
            #expect(await transport.send(message, to: target).isDelivered)
            let received = try #require(try await peer.received().first)
            let timestamp = try #require(received.headers["X-Dangjian-Timestamp"].flatMap { Int64($0) })
            #expect(
                received.headers["X-Dangjian-Signature"]
                    == SignedWebhook.signature(timestamp: timestamp, body: received.body, secret: "whsec-1"))
            #expect(abs(Double(timestamp) - Date().timeIntervalSince1970) < 60)
            let body = try JSONValue(text: received.body)
            guard case .object(let fields) = body, case .array(let notices)? = fields["notices"] else {
                Issue.record("not the webhook's body: \(received.body)")
                return
            }
            #expect(fields["idempotencyKey"] == .string("message-key") && notices.count == 2)
            #expect(fields["mentions"] == .array([.string("13800000001")]))
            #expect(
                notices[1]
                    == .object([
                        "title": .string("三会一课提醒 2"), "body": .string(RobotSamples.notice().body),
                        "link": .string("https://console.example.cn/tasks/2"), "ruleRef": .string("orglife.meetings@3"),
                        "idempotencyKey": .string("notice-2"),
                    ]))
            #expect(received.idempotencyKey == "message-key")
        }
    }

    @Test func aStaleWebhookTimestampIsRefused() async throws {
        let lastYear = ManualClock(Date().addingTimeInterval(-365 * 86_400))
        try await RobotPeer.run(secrets: ["hook-1": "whsec-1"], clock: lastYear) { peer, transport in
            let outcome = await transport.send(
                RobotSamples.message(), to: RobotSamples.target(.webhook, "hook-1", on: peer, secret: "whsec-1"))
            #expect(outcome == .permanent(answer: #"401 {"error": "stale or missing timestamp"}"#))
            let received = try await peer.received()
            #expect(received.isEmpty)
        }
    }
}

extension DeliveryOutcome {
    /// Whether the channel took the message.
    var isDelivered: Bool { if case .delivered = self { true } else { false } }
    /// Whether it is a failure worth another try.
    var isTemporary: Bool { if case .temporary = self { true } else { false } }
    /// Whether it is a failure never worth another try.
    var isPermanent: Bool { if case .permanent = self { true } else { false } }
}
