import DangjianHTTPTestSupport
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import Dangjian

/// The kernel's console pages answer another unit's ids as they answer a missing one.
@Suite struct ConsoleHiddenIDTests {
    @Test func everyKernelPageAnswersAnotherUnitsIDAsAMissingOne() async throws {
        let server = try await TestServer.make()
        try await ConsoleHiddenIDProbe.expectNothingShown(on: server.application, atLeast: 20)
        // The probe reached the lookups: the outsider's answer for a real member is the 404 page.
        let member = try #require(
            try await server.host.members.list(.init(), page: .first, by: .system).items.first)
        try await server.test { client in
            let outsider = try await client.consoleLogin("outsider")
            let page = try await outsider.get("/members/\(member.id)")
            #expect(page.status == .notFound && page.text.contains(#"data-error-code="member.notFound""#))
        }
        await server.close()
    }
}
