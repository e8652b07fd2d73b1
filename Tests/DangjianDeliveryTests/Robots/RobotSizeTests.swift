import DangjianDelivery
import Foundation
import Testing

/// Each channel's documented size limit: `fits` for the sender's batching, and the cut of a
/// notice too long on its own, which the peer (enforcing the same limits) then accepts.
@Suite struct RobotSizeTests {
    @Test func fitsKeepsEachChannelsLimit() {
        let short = RobotSamples.message()
        let long = RobotSamples.message([RobotSamples.notice(body: String(repeating: "党", count: 1_500))])
        let huge = RobotSamples.message([RobotSamples.notice(body: String(repeating: "党", count: 7_000))])
        #expect(RobotSamples.kinds.allSatisfy { RobotTransport.fits(short, kind: $0) })
        // 4,500 bytes: past WeCom's 4,096 of markdown, within DingTalk's and Feishu's 20,000.
        #expect(!RobotTransport.fits(long, kind: .wecom))
        #expect(RobotTransport.fits(long, kind: .dingtalk) && RobotTransport.fits(long, kind: .feishu))
        // 21,000 bytes: past every robot's, within the webhook's.
        #expect([ChannelKind.wecom, .dingtalk, .feishu].allSatisfy { !RobotTransport.fits(huge, kind: $0) })
        #expect(RobotTransport.fits(huge, kind: .webhook))
        // WeCom's text (a message with mentions) allows only 2,048 bytes.
        let mentioned = RobotSamples.message(
            [RobotSamples.notice(body: String(repeating: "党", count: 700))], mentions: ["13800000001"])
        #expect(!RobotTransport.fits(mentioned, kind: .wecom) && RobotTransport.fits(mentioned, kind: .dingtalk))
        // A batch fits while its notices together do.
        let batch = RobotSamples.message(
            (1...10).map { RobotSamples.notice($0, body: String(repeating: "党", count: 50)) })
        #expect(RobotTransport.fits(batch, kind: .wecom) && !RobotTransport.fits(batch, mentions: 1, kind: .wecom))
    }

    /// A body of family emoji (five scalars, 18 bytes each) is cut between characters or not at
    /// all; the rule line and the link survive the cut.
    @Test(arguments: [ChannelKind.wecom, .dingtalk, .feishu])
    func aNoticeTooLongAloneIsCutBetweenCharacters(kind: ChannelKind) async throws {
        let body = String(repeating: "👨‍👩‍👧", count: 2_000)
        try await RobotPeer.run(secrets: ["long-1": "secret-1"]) { peer, transport in
            let outcome = await transport.send(
                RobotSamples.message([RobotSamples.notice(body: body)], mentions: ["13800000001"]),
                to: RobotSamples.target(kind, "long-1", on: peer, secret: "secret-1"))
            #expect(outcome.isDelivered, "\(outcome)")
            let text = try #require(try await peer.received().first?.text)
            let lines = text.components(separatedBy: "\n")
            let cut = try #require(lines.first { $0.hasPrefix("👨‍👩‍👧") })
            #expect(cut.hasSuffix("…") && body.hasPrefix(String(cut.dropLast())) && cut.count < body.count)
            #expect(lines.contains("规则 orglife.meetings@3") && lines.contains("查看：https://console.example.cn/tasks/1"))
        }
    }
}

extension RobotTransport {
    /// Whether `message` with `mentions` more mobiles still fits `kind`.
    static func fits(_ message: OutboundMessage, mentions: Int, kind: ChannelKind) -> Bool {
        var message = message
        message.mentions += (0..<mentions).map { "1380000000\($0)" }
        return fits(message, kind: kind)
    }
}
