import Crypto
import Dangjian
import Foundation
import HTTPTypes
import Hummingbird

/// The console's cookie session. The cookie carries a kernel session token (the same kind that
/// `POST /api/v1/auth/login` issues), so expiry, logout and a password change end it exactly as
/// they end an API session. The cookie is honoured only outside `/api/`, so a page on another
/// site can never make the API act with a secretary's cookie.
enum ConsoleSession {
    /// The session cookie's name.
    static let cookie = "dj_session"
    /// The login form's own CSRF cookie, set with the form before any session exists.
    static let loginCookie = "dj_login"

    /// The value of the cookie named `name`, if the request carries it.
    static func cookie(_ name: String, in request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for part in header.split(separator: ";") {
                let pair = part.split(separator: "=", maxSplits: 1)
                if pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces) == name {
                    return String(pair[1]).trimmingCharacters(in: .whitespaces)
                }
            }
        }
        return nil
    }

    /// A `Set-Cookie` value: HttpOnly and SameSite=Lax always, Secure when the configuration
    /// says the console is served over TLS (`console.secureCookies`).
    static func setCookie(_ name: String, _ value: String, maxAge: Int, secure: Bool) -> String {
        "\(name)=\(value); Path=/; Max-Age=\(maxAge); HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "")
    }

    /// The CSRF token of a session: a hash of the session's secret, so it needs no storage, a
    /// page on another site cannot compute it, and it ends with the session.
    static func csrfToken(forSession token: String) -> String {
        let digest = SHA256.hash(data: Data(("csrf:" + token).utf8))
        return digest.map { String(format: "%02x", $0) }.joined().prefix(32).description
    }

    /// Compares two tokens in time that does not depend on where they differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in x.indices { difference |= x[i] ^ y[i] }
        return difference == 0
    }

    /// 16 random bytes as 32 hex digits, for the login form's token.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}
