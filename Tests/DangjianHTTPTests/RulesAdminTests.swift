import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
@testable import Dangjian
import DangjianDemo
@testable import DangjianHTTP
@testable import DangjianLua
import DangjianTestSupport
import DangjianHTTPTestSupport

@Suite struct RulesAdminTests {
    static let baseline = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "../../scripts/rules"
    ).standardized.path

    @Test func districtAdminsSeeAndReloadTheRulesOthersDoNot() async throws {
        let app = try await TestApplication.open(configure: { $0.rulesBaseline = Self.baseline }) { host in
            _ = try await DemoDistrict(host: host, today: Day(TemporaryHost.start)).load()
        }
        let base = app.base
        #expect(app.rules != nil)
        try await app.test { client in
            let admin = try await client.login(DemoDistrict.adminUsername)
            let secretary = try await client.login(DemoDistrict.secretaryUsername)
            let status = try await client.call(.get, "/api/v1/admin/rules", token: admin)
            #expect(status.status == .ok && status.text.contains("term-ends-soon"))
            let reload = try await client.call(.post, "/api/v1/admin/rules/reload", token: admin)
            #expect(reload.status == .ok, "\(reload.text)")
            let refused = expectError(
                try await client.call(.post, "/api/v1/admin/rules/reload", token: secretary), .forbidden,
                "auth.forbidden")
            // Issue 13 point 10: the 403 names what is missing (running the host), not "manage users".
            #expect(
                refused?.messageEn.contains("only a district admin") == true
                    && refused?.messageZh.contains("仅区党委管理员") == true,
                "\(refused?.message ?? "")")
            let branch = try #require(
                try await base.host.users.principal(forToken: secretary)?.grants.first?.organizationID)
            let explained = try await client.call(
                .get, "/api/v1/admin/rules/explain?organizationID=\(branch)", token: secretary)
            #expect(explained.status == .ok && explained.text.contains("probation-ends-soon"))
            expectError(
                try await client.call(.get, "/api/v1/admin/rules/explain?organizationID=1", token: secretary),
                .notFound, "organization.notFound")
        }
        await base.close()
    }
}
