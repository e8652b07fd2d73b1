import Dangjian
import Foundation
import Hummingbird
import NIOCore
import Prometheus

/// Probes for the operator and the load balancer, Prometheus metrics, and the API description.
struct SystemController {
    let host: DangjianHost
    let metrics: PrometheusCollectorRegistry
    let activity: RequestActivity

    struct Health: Encodable, Sendable {
        let status: String
        let detail: String?
    }

    func register(_ api: APIRouter) {
        api.answering([])
        let host = self.host
        let metrics = self.metrics
        let activity = self.activity
        api.add(.get, "/healthz", "进程存活 / The process is alive", tag: "system", auth: false) { _, _, _ in
            JSONReply(Health(status: "ok", detail: nil))
        }
        api.add(.get, "/readyz", "可以接收请求（数据库可用）/ Ready: the database answers", tag: "system", auth: false) { _, _, _ in
            if activity.isDraining {
                return JSONReply(
                    Health(status: "draining", detail: "shutting down; requests already sent are answered"),
                    status: .serviceUnavailable)
            }
            do {
                _ = try await host.store.read { s in try s.scalarInt("SELECT 1") }
                return JSONReply(Health(status: "ready", detail: nil))
            } catch {
                return JSONReply(
                    Health(status: "unavailable", detail: "database: \(error)"), status: .serviceUnavailable)
            }
        }
        api.add(.get, "/metrics", "Prometheus 指标 / Prometheus metrics", tag: "system", auth: false) { _, _, _ in
            var bytes: [UInt8] = []
            metrics.emit(into: &bytes)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        api.add(.get, "/api/v1/openapi.json", "本文档（OpenAPI 3.1）/ This API description", tag: "system", auth: false) {
            _, _, _ in
            let data = try OpenAPIDocument.json(for: api.docs)
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
    }
}
