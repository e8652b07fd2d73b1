import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Dangjian
import DangjianDemo
@testable import DangjianHTTP
import DangjianLua
import DangjianTestSupport
import DangjianHTTPTestSupport

/// Issue 14, point 8: every error code is declared once, in its module's catalogue
/// (`*ErrorCode.swift`), the OpenAPI document lists each route's codes, and a code a route
/// answers without listing it is caught.
@Suite struct ErrorCatalogueTests {
    static let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..")
        .standardized

    /// The product's Swift files: the kernel, the runtime, HTTP, the CLI and every plugin's Sources.
    static func productFiles() throws -> [URL] {
        let roots =
            ["Sources"]
            + (try FileManager.default.contentsOfDirectory(atPath: checkout.appendingPathComponent("plugins").path))
            .map { "plugins/\($0)/Sources" }
        return roots.flatMap { root -> [URL] in
            let enumerator = FileManager.default.enumerator(
                at: checkout.appendingPathComponent(root), includingPropertiesForKeys: nil)
            return (enumerator?.allObjects as? [URL] ?? []).filter { $0.pathExtension == "swift" }
        }
    }

    /// Every (catalogue file, raw code) declared.
    static func declared() throws -> [(file: String, code: String)] {
        let caseLine = try Regex(#"case `?\w+`? = "([^"]+)""#)
        return try productFiles().filter { $0.lastPathComponent.hasSuffix("ErrorCode.swift") }.flatMap { file in
            try String(contentsOf: file, encoding: .utf8).matches(of: caseLine).map {
                (file.lastPathComponent, String($0.output[1].substring!))
            }
        }
    }

    @Test func everyCodeIsDeclaredOnceAndNoThrowSiteSpellsOne() throws {
        let declared = try Self.declared()
        #expect(declared.count > 150)
        let twice = Dictionary(grouping: declared, by: \.code).filter { $0.value.count > 1 }
        #expect(twice.isEmpty, "declared in more than one catalogue: \(twice.keys.sorted())")
        // A code spelled as a string where an error is made: it would bypass the catalogues.
        let literal = try Regex(
            #"(\.invalid\(\s*|\.conflict\(\s*|\bcode: |rawCode: )"[a-z][A-Za-z0-9]*\.[A-Za-z0-9.]+""#)
        var spelled: [String] = []
        for file in try Self.productFiles() where !file.lastPathComponent.hasSuffix("ErrorCode.swift") {
            let text = try String(contentsOf: file, encoding: .utf8)
            if text.contains(literal) { spelled.append(file.lastPathComponent) }
        }
        #expect(spelled.isEmpty, "error codes spelled at the throw site in \(spelled)")
    }

    @Test func everyEntitysNotFoundCodeIsDeclared() throws {
        let codes = Set(try Self.declared().map(\.code))
        let entity = try Regex(#"let \w+ = Entity\("([a-zA-Z.]+)", zh:"#)
        var missing: [String] = []
        for file in try Self.productFiles() {
            for match in try String(contentsOf: file, encoding: .utf8).matches(of: entity) {
                let code = "\(match.output[1].substring!).notFound"
                if !codes.contains(code) { missing.append(code) }
            }
        }
        #expect(missing.isEmpty, "not found codes without a declaration: \(missing)")
        #expect(codes.contains(Entity.member.notFoundCode))
    }

    @Test func theOpenAPIDocumentListsEachRoutesCodes() async throws {
        let app = try await TestApplication.open()
        let declared = Set(try Self.declared().map(\.code))
        try await app.test { client in
            let answer = try await client.send(.get, "/api/v1/openapi.json")
            let document = try #require(
                try JSONSerialization.jsonObject(with: Data(answer.body.readableBytesView)) as? [String: Any])
            let paths = try #require(document["paths"] as? [String: [String: [String: Any]]])
            var operations = 0
            for (path, methods) in paths {
                for (method, operation) in methods {
                    operations += 1
                    let codes = operation["x-error-codes"] as? [String] ?? []
                    #expect(!codes.isEmpty, "\(method) \(path) lists no error codes")
                    #expect(Set(codes).isSubset(of: declared), "\(method) \(path): \(Set(codes).subtracting(declared))")
                }
            }
            #expect(operations > 40)
            let register = paths["/api/v1/members"]?["post"]?["x-error-codes"] as? [String] ?? []
            #expect(
                register.contains("member.badIDNumber") && register.contains("auth.required")
                    && register.contains("request.unknownField"))
            let login = paths["/api/v1/auth/login"]?["post"]?["x-error-codes"] as? [String] ?? []
            #expect(login.contains("auth.badCredentials") && !login.contains("member.badIDNumber"))
        }
        await app.close()
    }

    /// A plugin route that passes on a kernel code outside its areas (an import refusal).
    struct CarelessPlugin: RoutedPlugin, CompiledPlugin {
        static let pluginID = "careless"
        var title = "未声明示例"
        init(_ environment: PluginEnvironment) {}
        func register(into context: PluginContext) throws {}
        func registerRoutes(_ routes: PluginRoutes, host: DangjianHost) {
            routes.add(.get, "/refuse", "总是拒绝 / Always refuses") { _, _, _ -> JSONReply<[String]> in
                throw DangjianError.invalid(KernelErrorCode.importNoHeader, zh: "缺少表头", en: "No header")
            }
        }
    }

    @Test(arguments: [true, false]) func aCodeARouteDoesNotListIsCaught(strict: Bool) async throws {
        let app = try await TestApplication.open(
            plugins: [CarelessPlugin.self], configure: { $0.strictErrorCodes = strict }
        ) { host in
            let root = try await host.organizations.create(
                .init(parentID: nil, name: "区委", kind: "committee"), by: .system)
            _ = try await host.users.create(
                UserDraft(
                    username: "admin", displayName: "区管理员", password: DemoDistrict.password,
                    grants: [GrantDraft(role: "districtAdmin", organizationID: root.id)]), by: .system)
        }
        try await app.test { client in
            let token = try await client.login("admin")
            let answer = try await client.send(.get, "/api/v1/careless/refuse", token: token)
            if strict {
                #expect(
                    answer.status == .internalServerError && answer.text.contains("error.undeclared")
                        && answer.text.contains("import.noHeader"))
            } else {
                #expect(answer.status == .badRequest && answer.text.contains("\"import.noHeader\""))
            }
        }
        await app.close()
    }
}
