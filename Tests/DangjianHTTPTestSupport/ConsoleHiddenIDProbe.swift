import Dangjian
import DangjianDemo
import DangjianHTTP
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Issue 16's scoping check for the console, as `HiddenIDProbe` is the API's: an outsider (the
/// secretary of an empty branch) asks every console page for every id the host holds, in the
/// path and in the query (`?id=`, `?organization=`, `?within=`, `?under=`, `?parent=`), and each
/// answer must be the one a missing id gets: the same status and the same error code, so a page
/// never tells whether another unit's record exists.
public enum ConsoleHiddenIDProbe {
    static let queryNames = ["id", "organization", "within", "under", "parent", "member", "brand", "council"]

    /// The probe on the demo district (loaded here with `seeders`); `prefixes` picks the pages
    /// ("/orglife" for a plugin's, "" for every page), `skip` names pages (method and path)
    /// that serve every caller alike by design.
    public static func expectNothingShown(
        on app: TestApplication, prefixes: [String] = [""], seeders: [any DemoSeeder] = [],
        hidden: [Int64] = Array(1...30), atLeast pages: Int, skip: Set<String> = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        _ = try await DemoDistrict(host: app.host, seeders: seeders).load()
        let outsider = try await HiddenIDProbe.outsider(on: app.host)
        let routes = try buildRouter(host: app.host).consoleRoutes.sorted().filter { route in
            let path = route.split(separator: " ", maxSplits: 1).last.map(String.init) ?? ""
            return !skip.contains(route) && prefixes.contains { path.hasPrefix($0) }
                && !path.hasPrefix("/static/") && !["/login", "/logout"].contains(path)
        }
        #expect(routes.count >= pages, "only \(routes.count) console pages: \(routes)", sourceLocation: sourceLocation)
        let differences = try await app.test { client -> [String] in
            let browser = try await client.consoleLogin(outsider.username)
            // The caller's own tokens are its to revoke, wherever they sit among the ids.
            let caller = try #require(try await app.host.users.principal(forToken: browser.session))
            let own = Set(try await app.host.users.tokens(by: caller).map(\.id))
            var differences: [String] = []
            for route in routes {
                let parts = route.split(separator: " ", maxSplits: 1).map(String.init)
                let (method, path) = (parts[0], parts[1])
                let missing = try await answer(browser, method, path, id: HiddenIDProbe.missingID)
                for id in hidden where !(path.contains("/tokens/") && own.contains(id)) {
                    let got = try await answer(browser, method, path, id: id)
                    if got != missing { differences.append("\(route) id \(id): \(got), a missing id: \(missing)") }
                }
            }
            return differences
        }
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))", sourceLocation: sourceLocation)
    }

    /// "404 member.notFound": the status and the error page's code.
    static func answer(_ browser: ConsoleBrowser, _ method: String, _ path: String, id: Int64) async throws -> String {
        let filled = HiddenIDProbe.uri(path, id: id)
        let query = queryNames.map { "\($0)=\(id)" }.joined(separator: "&")
        let uri = filled + (filled.contains("?") ? "&" : "?") + query
        let response = method == "POST" ? try await browser.post(uri, []) : try await browser.get(uri)
        let text = response.text
        var code = "-"
        if let range = text.range(of: #"data-error-code=""#) {
            code = String(text[range.upperBound...].prefix { $0 != "\"" })
        }
        return "\(response.status.code) \(code)"
    }
}
