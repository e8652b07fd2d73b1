import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Prometheus
import Testing
@testable import Dangjian
import DangjianDemo
@testable import DangjianHTTP
import DangjianTestSupport
import DangjianHTTPTestSupport

/// A temporary host served through the same `buildApplication` as `dangjian serve`.
/// Call `close()` at the end of the test.
struct TestServer {
    let application: TestApplication
    var base: TemporaryHost { application.base }
    var host: DangjianHost { base.host }
    var clock: ManualClock { base.clock }

    static var start: Date { TemporaryHost.start }

    static func make(
        demo: Bool = false, metrics: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
        configure: (inout HostConfiguration) -> Void = { _ in }
    ) async throws -> TestServer {
        TestServer(
            application: try await TestApplication.open(metrics: metrics, configure: configure) { host in
                if demo { _ = try await DemoDistrict(host: host, today: Day(TemporaryHost.start)).load() }
            })
    }

    func close() async { await base.close() }

    /// Runs `body` against the router, as the brief's `app.test(.router)` does.
    @discardableResult
    func test<T: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        try await application.test(body)
    }

    /// Rows of a table, straight from the database, to prove what was or was not written.
    func count(_ table: String, _ condition: String = "1 = 1") async throws -> Int {
        try await base.count(table, condition)
    }
}

/// What the demo district gives a test: both users' tokens and the organisations they hold.
struct DemoWorld {
    let admin: String
    let secretary: String
    let rootID: Int64
    let branchID: Int64
    let branchPath: String

    /// Logs both demo users in through the API and reads their grants back from their tokens.
    static func login(_ client: any TestClientProtocol, _ server: TestServer) async throws -> DemoWorld {
        let admin = try await client.login(DemoDistrict.adminUsername)
        let secretary = try await client.login(DemoDistrict.secretaryUsername)
        let adminGrant = try #require(try await server.host.users.principal(forToken: admin)?.grants.first)
        let branchGrant = try #require(try await server.host.users.principal(forToken: secretary)?.grants.first)
        #expect(branchGrant.role == .secretary)
        return DemoWorld(
            admin: admin, secretary: secretary, rootID: adminGrant.organizationID,
            branchID: branchGrant.organizationID, branchPath: branchGrant.path)
    }
}

extension TestClientProtocol {
    /// One request with an optional bearer token and an optional JSON body.
    @discardableResult
    func call(_ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: String? = nil) async throws
        -> TestResponse
    {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        if json != nil { headers[.contentType] = "application/json" }
        return try await execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }

    /// Logs in through the API and returns the bearer token.
    func login(_ username: String, password: String = DemoDistrict.password) async throws -> String {
        let response = try await call(
            .post, "/api/v1/auth/login",
            json: #"{"username":"\#(username)","password":"\#(password)"}"#)
        #expect(response.status == .created, "login \(username): \(response.text)")
        return try response.decode(IssuedToken.self).token
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(T.self, from: Data(body.readableBytesView))
        } catch {
            Issue.record("cannot decode \(T.self) from \(status.code) \(text): \(error)")
            throw error
        }
    }

    /// The body as a JSON object.
    var object: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] ?? [:]
    }

    var error: APIErrorBody.Detail? {
        try? JSONDecoder().decode(APIErrorBody.self, from: Data(body.readableBytesView)).error
    }
}

/// The `error.code` of an error body, or nil when the body is not the API's error shape.
func errorCode(_ body: ByteBuffer) -> String? {
    try? JSONDecoder().decode(APIErrorBody.self, from: Data(body.readableBytesView)).error.code
}

/// Expects an error answer with this status and code, both messages filled in, and (when
/// given) the field at fault. Returns the error for further checks.
@discardableResult
func expectError(
    _ response: TestResponse, _ status: HTTPResponse.Status, _ code: String, field: String? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) -> APIErrorBody.Detail? {
    #expect(
        response.status == status, "expected \(status.code) \(code), got \(response.status.code): \(response.text)",
        sourceLocation: sourceLocation)
    guard let error = response.error else {
        Issue.record("not an error body: \(response.text)", sourceLocation: sourceLocation)
        return nil
    }
    #expect(error.code == code, "\(error.messageEn)", sourceLocation: sourceLocation)
    #expect(!error.messageZh.isEmpty && !error.messageEn.isEmpty, sourceLocation: sourceLocation)
    #expect(
        error.message.contains(error.messageZh) && error.message.contains(error.messageEn),
        sourceLocation: sourceLocation)
    if let field { #expect(error.field == field, sourceLocation: sourceLocation) }
    return error
}

/// A list page as every list endpoint returns it.
struct ListPage<Item: Decodable>: Decodable {
    let items: [Item]
    let nextCursor: String?
}

/// An applicant's registration body for the members API.
func applicantJSON(organizationID: Int64, name: String = "李明", idNumber: String? = nil, extra: String = "") -> String {
    let id = idNumber.map { #","idNumber":"\#($0)""# } ?? ""
    return
        #"{"organizationID":\#(organizationID),"name":"\#(name)","status":"applicant","appliedOn":"2026-01-10"\#(id)\#(extra)}"#
}
