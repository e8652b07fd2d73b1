import DangjianDelivery
import Testing

/// Known signatures, computed independently with Python's `hmac` (see each test), so a change
/// to the signing that a peer written by the same hand might share still fails here.
@Suite struct RobotSignatureTests {
    /// python3: base64.b64encode(hmac.new(b"SEC0123456789abcdef",
    /// b"1700000000000\nSEC0123456789abcdef", sha256).digest()), then urllib.parse.quote_plus.
    @Test func dingTalkSignsTheTimestampAndSecretKeyedWithTheSecret() {
        let secret = "SEC0123456789abcdef"
        #expect(
            DingTalkRobot.signature(timestampMilliseconds: 1_700_000_000_000, secret: secret)
                == "TSZbRFUuvaSQaRKUpF970OPCb2/LcQAP3wOvwZIzBZk=")
        #expect(
            DingTalkRobot.signedQuery(timestampMilliseconds: 1_700_000_000_000, secret: secret)
                == "timestamp=1700000000000&sign=TSZbRFUuvaSQaRKUpF970OPCb2%2FLcQAP3wOvwZIzBZk%3D")
    }

    /// Feishu's own sample (secret "demo", timestamp 1599360473): python3:
    /// base64.b64encode(hmac.new(b"1599360473\ndemo", b"", sha256).digest()). Signing the way
    /// DingTalk does gives "DkEDUyVoOOJ539qBvUgMyzkzIdRWlf4e/V3Rq+ONJnQ=", which Feishu refuses.
    @Test func feishuUsesTheTimestampAndSecretAsTheKeyOverAnEmptyMessage() {
        let sign = FeishuRobot.signature(timestampSeconds: 1_599_360_473, secret: "demo")
        #expect(sign == "l1N0gAcBjdwBvGm1xMjOF0XSyaLRpR7tuO5dHfhAYc8=")
        #expect(sign != "DkEDUyVoOOJ539qBvUgMyzkzIdRWlf4e/V3Rq+ONJnQ=")
    }

    /// python3: hmac.new(b"whsec-demo", b'1700000000.{"idempotencyKey":"k1"}', sha256).hexdigest().
    @Test func theWebhookSignsTimestampDotBodyInHex() {
        #expect(
            SignedWebhook.signature(timestamp: 1_700_000_000, body: #"{"idempotencyKey":"k1"}"#, secret: "whsec-demo")
                == "sha256=dcba0fc7fe4f552082784d848dc1253a0bf75d09a4ff90817ed4cf9e6ccc6d11")
    }
}
