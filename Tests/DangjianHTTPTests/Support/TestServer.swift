import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing
@testable import Dangjian
@testable import DangjianHTTP

/// A host on a fresh SQLite file in its own temporary directory, with a clock the test controls,
/// served through the same `buildApplication` as `dangjian serve`. Every test makes its own, so
/// the tests run in parallel without sharing state. Call `close()` at the end of the test.
struct TestServer {
    let host: DangjianHost
    let clock: ManualClock
    let directory: URL

    /// 2026-06-15, 10:00 China Standard Time.
    static let start = Day(year: 2026, month: 6, day: 15)!.start.addingTimeInterval(10 * 3600)

    static func make(demo: Bool = false, configure: (inout HostConfiguration) -> Void = { _ in }) async throws -> TestServer {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dangjian-http-\(UUID().uuidString)")
        var configuration = HostConfiguration()
        configuration.dataDirectory = directory.path
        configuration.bcryptCost = 4
        configure(&configuration)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let clock = ManualClock(start)
        var logger = Logger(label: "http-test")
        // DANGJIAN_TEST_LOG=error shows the server's own log, e.g. the cause of a 500.
        logger.logLevel = ProcessInfo.processInfo.environment["DANGJIAN_TEST_LOG"].flatMap(Logger.Level.init(rawValue:)) ?? .critical
        let host = try await DangjianHost.open(configuration: configuration, clock: clock, logger: logger)
        let server = TestServer(host: host, clock: clock, directory: directory)
        if demo { _ = try await DemoDistrict(host: host, today: clock.today()).load() }
        return server
    }

    func close() async {
        await host.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    var app: some ApplicationProtocol { buildApplication(host: host) }

    /// Runs `body` against the router, as the brief's `app.test(.router)` does.
    @discardableResult
    func test<T: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        try await app.test(.router, body)
    }

    /// Rows of a table, straight from the database, to prove what was or was not written.
    func count(_ table: String, _ condition: String = "1 = 1") async throws -> Int {
        try await host.store.read { s in Int(try s.scalarInt("SELECT COUNT(*) FROM \(table) WHERE \(condition)")) }
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
        return DemoWorld(admin: admin, secretary: secretary, rootID: adminGrant.organizationID,
                         branchID: branchGrant.organizationID, branchPath: branchGrant.path)
    }
}

extension TestClientProtocol {
    /// One request with an optional bearer token and an optional JSON body.
    @discardableResult
    func call(_ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: String? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        if json != nil { headers[.contentType] = "application/json" }
        return try await execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }

    /// Logs in through the API and returns the bearer token.
    func login(_ username: String, password: String = DemoDistrict.password) async throws -> String {
        let response = try await call(.post, "/api/v1/auth/login",
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

    var error: APIErrorBody.Detail? { try? JSONDecoder().decode(APIErrorBody.self, from: Data(body.readableBytesView)).error }
}

/// The `error.code` of an error body, or nil when the body is not the API's error shape.
func errorCode(_ body: ByteBuffer) -> String? {
    try? JSONDecoder().decode(APIErrorBody.self, from: Data(body.readableBytesView)).error.code
}

/// Expects an error answer with this status and code, both messages filled in, and (when
/// given) the field at fault. Returns the error for further checks.
@discardableResult
func expectError(_ response: TestResponse, _ status: HTTPResponse.Status, _ code: String, field: String? = nil,
                 sourceLocation: SourceLocation = #_sourceLocation) -> APIErrorBody.Detail? {
    #expect(response.status == status, "expected \(status.code) \(code), got \(response.status.code): \(response.text)",
            sourceLocation: sourceLocation)
    guard let error = response.error else {
        Issue.record("not an error body: \(response.text)", sourceLocation: sourceLocation)
        return nil
    }
    #expect(error.code == code, "\(error.messageEn)", sourceLocation: sourceLocation)
    #expect(!error.messageZh.isEmpty && !error.messageEn.isEmpty, sourceLocation: sourceLocation)
    #expect(error.message.contains(error.messageZh) && error.message.contains(error.messageEn), sourceLocation: sourceLocation)
    if let field { #expect(error.field == field, sourceLocation: sourceLocation) }
    return error
}

/// A list page as every list endpoint returns it.
struct ListPage<Item: Decodable>: Decodable {
    let items: [Item]
    let nextCursor: String?
}

enum IDs {
    /// A valid resident ID number for the given birth date (region 990101 is fictitious).
    static func make(born: String, sequence: Int = 123) -> String {
        ResidentID.withCheckDigit("990101" + born.replacingOccurrences(of: "-", with: "") + String(format: "%03d", sequence))
    }

    /// The same number with its check character replaced by a wrong one.
    static func withWrongCheckDigit(_ id: String) -> String {
        let last = id.last!
        return String(id.dropLast()) + (last == "1" ? "2" : "1")
    }
}

/// An applicant's registration body for the members API.
func applicantJSON(organizationID: Int64, name: String = "李明", idNumber: String? = nil, extra: String = "") -> String {
    let id = idNumber.map { #","idNumber":"\#($0)""# } ?? ""
    return #"{"organizationID":\#(organizationID),"name":"\#(name)","status":"applicant","appliedOn":"2026-01-10"\#(id)\#(extra)}"#
}
