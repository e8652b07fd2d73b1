import AsyncHTTPClient
import DangjianDelivery
import Foundation
import NIOCore
import Testing

/// Each way a channel can fail, told to the peer, and what the transport makes of it.
@Suite struct RobotFailureTests {
    @Test(arguments: RobotSamples.kinds)
    func aFiveHundredIsTemporary(kind: ChannelKind) async throws {
        try await RobotPeer.run { peer, transport in
            try await peer.mode(RobotSamples.path(kind, "endpoint-1").path, "fail", status: 503)
            let outcome = await transport.send(
                RobotSamples.message(), to: RobotSamples.target(kind, "endpoint-1", on: peer))
            #expect(outcome == .temporary(answer: "503 <html>502 Bad Gateway</html>", retryAfter: nil))
        }
    }

    /// A peer that never answers, and one that stops halfway through its answer's body.
    @Test(arguments: RobotSamples.kinds, ["hang", "stall"])
    func aHangIsTemporaryWithinTheDeadline(kind: ChannelKind, mode: String) async throws {
        try await RobotPeer.run(timeouts: HTTPTimeouts(connect: .seconds(1), deadline: .seconds(1))) {
            peer, transport in
            try await peer.mode(RobotSamples.path(kind, "endpoint-1").path, mode)
            let start = ContinuousClock.now
            let outcome = await transport.send(
                RobotSamples.message(), to: RobotSamples.target(kind, "endpoint-1", on: peer))
            #expect(outcome == .temporary(answer: "no answer within 1.0 seconds", retryAfter: nil))
            #expect(ContinuousClock.now - start < .seconds(4))
        }
    }

    @Test(arguments: RobotSamples.kinds)
    func theChannelsPermanentErrorIsPermanent(kind: ChannelKind) async throws {
        try await RobotPeer.run { peer, transport in
            try await peer.mode(RobotSamples.path(kind, "endpoint-1").path, "permanent")
            let outcome = await transport.send(
                RobotSamples.message(), to: RobotSamples.target(kind, "endpoint-1", on: peer))
            let code = ["wecom": "93000", "dingtalk": "400101", "feishu": "19001", "webhook": "410 "][kind.rawValue]!
            #expect(outcome.isPermanent && outcome.answer.contains(code), "\(outcome)")
        }
    }

    /// The garbage page echoes the request's path and query, key and token included: the kept
    /// answer is cut to size and shows neither.
    @Test(arguments: RobotSamples.kinds)
    func garbageIsPermanentWithTheAnswerKeptCutAndMasked(kind: ChannelKind) async throws {
        let name = "robot-key-\(kind.rawValue)-0123456789"
        try await RobotPeer.run { peer, transport in
            try await peer.mode(RobotSamples.path(kind, name).path, "garbage")
            let outcome = await transport.send(
                RobotSamples.message(), to: RobotSamples.target(kind, name, on: peer, secret: "the-signing-secret"))
            if kind == .webhook {
                // A webhook's receiver may answer anything with its 2xx.
                #expect(outcome.isDelivered)
            } else {
                #expect(outcome.isPermanent, "\(outcome)")
            }
            #expect(outcome.answer.count == DeliveryOutcome.answerLimit)
            #expect(
                outcome.answer.hasPrefix("200 <html><title>upstream /") && outcome.answer.contains("garbage garbage"))
            #expect(!outcome.answer.contains(name) && !outcome.answer.contains("the-signing-secret"))
            #expect(outcome.answer.contains("***"))
        }
    }

    /// WeCom's and DingTalk's 20 a minute, each answered with the channel's own code; DingTalk
    /// documents ten minutes of throttling after it, which becomes the retry hint.
    @Test(
        arguments: [
            (ChannelKind.wecom, #"200 {"errcode": 45009, "errmsg": "api freq out of limit"}"#, nil),
            (
                .dingtalk, #"200 {"errcode": 410100, "errmsg": "send too fast, exceed 20 times per minute"}"#,
                .seconds(600)
            ),
        ] as [(ChannelKind, String, Duration?)])
    func pastTwentyAMinuteIsTemporary(kind: ChannelKind, answer: String, retryAfter: Duration?) async throws {
        try await RobotPeer.run(secrets: ["robot-1": "SECrobot"]) { peer, transport in
            let target = RobotSamples.target(kind, "robot-1", on: peer, secret: kind == .dingtalk ? "SECrobot" : nil)
            var outcomes: [DeliveryOutcome] = []
            for _ in 0..<21 { outcomes.append(await transport.send(RobotSamples.message(), to: target)) }
            #expect(outcomes.prefix(20).allSatisfy { $0.isDelivered })
            #expect(outcomes[20] == .temporary(answer: answer, retryAfter: retryAfter))
        }
    }

    @Test func feishuPastFiveASecondIsTemporary() async throws {
        try await RobotPeer.run { peer, transport in
            let target = RobotSamples.target(.feishu, "feishu-hook", on: peer)
            // Six at once, so they reach the peer within its second however busy the machine is.
            let outcomes = await withTaskGroup(of: DeliveryOutcome.self) { group in
                for _ in 0..<6 { group.addTask { await transport.send(RobotSamples.message(), to: target) } }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.filter { $0.isDelivered }.count == 5)
            #expect(outcomes.contains { $0.isTemporary && $0.answer.contains(#""code": 11232"#) })
        }
    }

    @Test func theWebhooksRetryAfterIsHonoured() async throws {
        try await RobotPeer.run { peer, transport in
            try await peer.mode("/webhook/busy", "fail", status: 429, retryAfter: 7)
            try await peer.mode("/webhook/down", "fail", status: 503, retryAfter: 30)
            let busy = await transport.send(RobotSamples.message(), to: RobotSamples.target(.webhook, "busy", on: peer))
            let down = await transport.send(RobotSamples.message(), to: RobotSamples.target(.webhook, "down", on: peer))
            #expect(busy == .temporary(answer: "429 <html>502 Bad Gateway</html>", retryAfter: .seconds(7)))
            #expect(down == .temporary(answer: "503 <html>502 Bad Gateway</html>", retryAfter: .seconds(30)))
        }
    }

    @Test func everyRequestHasAConnectTimeoutAndADeadline() {
        let defaults = HTTPTimeouts()
        #expect(defaults == HTTPTimeouts(connect: .seconds(5), deadline: .seconds(10)))
        #expect(defaults.clientConfiguration.timeout.connect == .seconds(5))
        #expect(HTTPTimeouts(connect: .milliseconds(1500)).clientConfiguration.timeout.connect == .milliseconds(1500))
    }

    /// AsyncHTTPClient tries a refused connection again until the connect timeout, then gives up.
    @Test func aRefusedConnectionIsTemporaryAndABadAddressPermanent() async throws {
        try await RobotPeer.run(timeouts: HTTPTimeouts(connect: .seconds(1))) { peer, transport in
            let target = RobotSamples.target(.wecom, "wecom-key-1", on: peer)
            peer.stop()
            let start = ContinuousClock.now
            let refused = await transport.send(RobotSamples.message(), to: target)
            #expect(refused.isTemporary && refused.answer.contains("Connection refused"), "\(refused)")
            #expect(ContinuousClock.now - start < .seconds(4))
            let bad = await transport.send(
                RobotSamples.message(), to: ChannelTarget(kind: .webhook, address: "ftp://x/y"))
            #expect(bad == .permanent(answer: "the address is not an http(s) URL"))
        }
    }
}
