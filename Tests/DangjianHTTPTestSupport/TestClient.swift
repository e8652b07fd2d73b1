import DangjianHTTP
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import Dangjian
import DangjianDemo

// What every HTTP test of a plugin needs: a request with a token and a JSON body, a login, the
// reply decoded, and the one error shape checked.

extension TestClientProtocol {
    /// One request with an optional bearer token and an optional JSON body.
    @discardableResult
    public func send(_ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: String? = nil)
        async throws -> TestResponse
    {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        if json != nil { headers[.contentType] = "application/json" }
        return try await execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }

    public func login(_ username: String) async throws -> String {
        let response = try await send(
            .post, "/api/v1/auth/login",
            json: #"{"username":"\#(username)","password":"\#(DemoDistrict.password)"}"#)
        #expect(response.status == .created, "login \(username): \(String(buffer: response.body))")
        return try response.decoded(IssuedToken.self).token
    }
}

extension TestResponse {
    public var text: String { String(buffer: body) }

    public func decoded<T: Decodable>(_ type: T.Type = T.self, sourceLocation: SourceLocation = #_sourceLocation) throws
        -> T
    {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(T.self, from: Data(body.readableBytesView))
        } catch {
            Issue.record(
                "cannot decode \(T.self) from \(status.code) \(text): \(error)", sourceLocation: sourceLocation)
            throw error
        }
    }

    public var object: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] ?? [:]
    }
}

/// A list page as every list endpoint returns it.
public struct PageReply<Item: Decodable>: Decodable {
    public let items: [Item]
    public let nextCursor: String?
}

/// A JSON object as request text.
public func json(_ object: [String: Any]) -> String {
    String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
}

/// Expects the API's one error shape, `{"error": {"code", "message", "messageZh", "messageEn", "field"}}`,
/// with this status and code, a Chinese and an English message, and (when given) the field at fault.
@discardableResult
public func expectErrorBody(
    _ response: TestResponse, _ status: HTTPResponse.Status, _ code: String, field: String? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) -> [String: Any] {
    #expect(
        response.status == status, "expected \(status.code) \(code), got \(response.status.code): \(response.text)",
        sourceLocation: sourceLocation)
    let top = response.object
    #expect(Array(top.keys) == ["error"], "not the error shape: \(response.text)", sourceLocation: sourceLocation)
    guard let error = top["error"] as? [String: Any] else {
        Issue.record("no error object in \(response.text)", sourceLocation: sourceLocation)
        return [:]
    }
    #expect(error["code"] as? String == code, "\(response.text)", sourceLocation: sourceLocation)
    let zh = error["messageZh"] as? String ?? ""
    let en = error["messageEn"] as? String ?? ""
    #expect(
        zh.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "messageZh is Chinese: \(zh)",
        sourceLocation: sourceLocation)
    #expect(en.contains { $0.isASCII && $0.isLetter }, "messageEn is English: \(en)", sourceLocation: sourceLocation)
    #expect(error["message"] as? String == "\(zh) / \(en)", sourceLocation: sourceLocation)
    if let field {
        #expect(error["field"] as? String == field, "field in \(response.text)", sourceLocation: sourceLocation)
    }
    return error
}
