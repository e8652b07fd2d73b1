import DangjianDelivery
import Testing

/// Channel kinds are stored in the outbox and the endpoints' table and named in the
/// configuration, so their spelling must never change; the rate limits are the channels' documented ones.
@Suite struct ChannelKindTests {
    @Test func theStoredNamesAndTheDocumentedLimits() {
        #expect(ChannelKind.allCases.map(\.rawValue) == ["wecom", "dingtalk", "feishu", "webhook", "email"])
        #expect(ChannelKind.allCases.filter(\.isGroupRobot) == [.wecom, .dingtalk, .feishu, .webhook])
        #expect(
            ChannelKind.wecom.rateLimits.map(\.count) == [20] && ChannelKind.wecom.rateLimits[0].period == .seconds(60))
        #expect(ChannelKind.feishu.rateLimits.map(\.count) == [100, 5])
        #expect(DeliveryOutcome.temporary(answer: "502", retryAfter: nil).answer == "502")
    }
}
