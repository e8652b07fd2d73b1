import AsyncHTTPClient
import Dangjian
import Logging
import ServiceLifecycle

/// The outbox sender with what it sends through, as one `Service` of the application: one
/// pooled `HTTPClient` for every robot and webhook, made when the service runs and shut down
/// after the sender stops (an application built and never run holds no client), and email when
/// `delivery.smtp.host` is set.
public struct DeliveryService: Service {
    let host: DangjianHost
    let logger: Logger

    /// The service for `host`'s configuration.
    public init(host: DangjianHost, logger: Logger) {
        self.host = host
        self.logger = logger
    }

    /// Runs the sender until the graceful shutdown, then closes the client's connections.
    public func run() async throws {
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: HTTPTimeouts().clientConfiguration)
        do {
            try await Self.sender(host: host, client: client, logger: logger).run()
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }

    /// The sender over `client` (made with `HTTPTimeouts.clientConfiguration`, owned by the
    /// caller). Robots sign with the real time, whatever clock the host keeps: a channel checks
    /// the timestamp against its own.
    public static func sender(host: DangjianHost, client: HTTPClient, logger: Logger) -> OutboxSender {
        let robots = RobotTransport(client: client, timeouts: HTTPTimeouts())
        var transports: [ChannelKind: any ChannelTransport] = [
            .wecom: robots, .dingtalk: robots, .feishu: robots, .webhook: robots,
        ]
        if let email = email(host.configuration.delivery) { transports[.email] = email }
        return OutboxSender(
            host: host, transports: transports, settings: OutboxSender.Settings(host.configuration.delivery),
            fits: { RobotTransport.fits($0, kind: $1) }, logger: logger)
    }

    /// The email channel when `delivery.smtp.host` is set; nil means email rows wait.
    static func email(_ delivery: DeliveryConfiguration) -> (any ChannelTransport)? {
        guard let settings = smtp(delivery) else { return nil }
        return EmailTransport(settings: settings)
    }

    /// `delivery.smtp.*` as the email channel's settings; nil when no relay is configured.
    public static func smtp(_ delivery: DeliveryConfiguration) -> SMTPSettings? {
        let smtp = delivery.smtp
        guard !smtp.host.isEmpty else { return nil }
        func given(_ text: String) -> String? { text.isEmpty ? nil : text }
        return SMTPSettings(
            host: smtp.host, port: smtp.port, security: SMTPSettings.Security(rawValue: smtp.security) ?? .starttls,
            username: given(smtp.username), password: given(smtp.password), from: smtp.from,
            fromName: given(smtp.fromName), caFile: given(smtp.caFile))
    }
}
