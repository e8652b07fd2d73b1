import Testing
@testable import Dangjian
import DangjianDemo
import DangjianTestSupport
@testable import RegionalCouncil
import RegionalCouncilDemo

/// Issue 13 point 21: the demo's review documents, which the Chinese collection CSV lists, are
/// named in Chinese ("…12号结题报告"), not with the review's code ("…12号-conclusion").
@Suite struct DemoTopicTests {
    @Test func theCollectionNamesItsDocumentsInChinese() async throws {
        let t = try await TemporaryHost.open(plugins: [RegionalCouncilPlugin(rulesDirectory: councilRulesDirectory)])
        defer { Task { await t.close() } }
        _ = try await DemoDistrict(host: t.host, seeders: [RegionalCouncilDemoSeeder()]).load()
        let documents = try await t.host.store.read { s in
            try s.query("SELECT document FROM council_reviews WHERE document IS NOT NULL", []).map {
                try $0.string("document")
            }
        }
        #expect(!documents.isEmpty)
        #expect(documents.allSatisfy { !$0.contains { $0.isASCII && $0.isLetter } }, "\(documents)")
        let committees = try await t.host.store.read { s in
            try s.query("SELECT id FROM council_committees", []).map { try $0.int64("id") }
        }
        var entries: [Topics.CollectionEntry] = []
        for committee in committees {
            for year in [t.today.year - 1, t.today.year] {
                entries += try await Topics(host: t.host).collection(of: committee, year: year, by: .system)
            }
        }
        let csv = try Topics.csv(entries)
        #expect(!entries.isEmpty && csv.contains("号结题报告") && !csv.contains("conclusion"), "\(csv)")
    }
}
