import DangjianDemo
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// A signed-in console session over the test router, as a browser holds it: the session
/// cookie, and the CSRF token read from a page, sent with every form. The console's HTTP tests
/// (the kernel's and each plugin's) use it; the browser tests use Chromium itself.
public struct ConsoleBrowser: Sendable {
    public let client: any TestClientProtocol
    /// The session cookie's value (a kernel session token).
    public let session: String
    /// The session's CSRF token, as the pages' forms carry it.
    public let csrf: String

    /// A page, with the session cookie.
    public func get(_ path: String) async throws -> TestResponse {
        try await client.execute(
            uri: path, method: .get, headers: [.cookie: "dj_session=\(session)"], body: nil)
    }

    /// A form post, with the CSRF token unless `csrf` is false (the refusal test).
    public func post(_ path: String, _ fields: [(String, String)], csrf: Bool = true) async throws -> TestResponse {
        let all = (csrf ? [("_csrf", self.csrf)] : []) + fields
        return try await client.execute(
            uri: path, method: .post,
            headers: [.cookie: "dj_session=\(session)", .contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: ConsoleBrowser.encode(all)))
    }

    /// `a=1&b=%E4%B8%AD`, as a browser encodes a form.
    public static func encode(_ fields: [(String, String)]) -> String {
        let allowed = CharacterSet.alphanumerics.union(.init(charactersIn: "-._*"))
        return fields.map {
            ($0.0.addingPercentEncoding(withAllowedCharacters: allowed) ?? "") + "="
                + ($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
        }.joined(separator: "&")
    }

    /// The first `name="_csrf" value="…"` of a page.
    public static func csrf(in html: String) -> String? {
        guard let range = html.range(of: #"name="_csrf" value=""#) else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    /// The value of a `Set-Cookie` for `name` in a response.
    public static func cookie(_ name: String, in response: TestResponse) -> String? {
        for header in response.headers[values: .setCookie] where header.hasPrefix(name + "=") {
            return String(header.dropFirst(name.count + 1).prefix { $0 != ";" })
        }
        return nil
    }
}

extension TestClientProtocol {
    /// Signs in through the console's login form, as a secretary would.
    public func consoleLogin(_ username: String, password: String = DemoDistrict.password) async throws
        -> ConsoleBrowser
    {
        let form = try await execute(uri: "/login", method: .get, headers: [:], body: nil)
        let loginCookie = try #require(ConsoleBrowser.cookie("dj_login", in: form))
        let token = try #require(ConsoleBrowser.csrf(in: form.text))
        let answer = try await execute(
            uri: "/login", method: .post,
            headers: [.cookie: "dj_login=\(loginCookie)", .contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(
                string: ConsoleBrowser.encode([("_csrf", token), ("username", username), ("password", password)])))
        #expect(answer.status == .seeOther, "console login \(username): \(answer.status)")
        let session = try #require(ConsoleBrowser.cookie("dj_session", in: answer))
        let home = try await execute(uri: "/", method: .get, headers: [.cookie: "dj_session=\(session)"], body: nil)
        let csrf = try #require(ConsoleBrowser.csrf(in: home.text))
        return ConsoleBrowser(client: self, session: session, csrf: csrf)
    }
}
