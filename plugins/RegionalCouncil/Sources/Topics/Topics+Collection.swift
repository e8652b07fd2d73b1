import Dangjian
import Foundation

/// 汇编年度优秀党建论文集: the year's outstanding papers as one document list, for the
/// collection the committee compiles (seed 000).
extension Topics {
    public struct CollectionEntry: Sendable, Codable, Equatable {
        public let topicID: Int64
        public let title: String
        public let grade: ResearchTopic.Grade
        public let units: [String]
        public let leadName: String
        public let concludedOn: Day
        /// The conclusion report's reference: the paper itself.
        public let document: String
        public let award: String?
    }

    /// Topics selected as outstanding whose conclusion passed in `year`, by grade then title.
    public func collection(of committeeID: Int64, year: Int, by actor: Principal) async throws -> [CollectionEntry] {
        try await host.store.read { s in
            let access = try Councils.readable(committeeID, actor: actor, in: s)
            try actor.requireOnVisible(.readLedger, over: access.path)
            let ids = try s.query(
                """
                SELECT DISTINCT t.id FROM council_topics t JOIN council_reviews r ON r.topic_id = t.id
                WHERE t.committee_id = ? AND t.outstanding = 1 AND r.kind = 'conclusion' AND r.outcome = 'passed'
                    AND r.reviewed_on BETWEEN ? AND ?
                """, [.integer(committeeID), .text("\(year)-01-01"), .text("\(year)-12-31")]
            ).map { try $0.int64("id") }
            let topics = try Self.load(ids, in: s)
            let names = try OrganizationRegistry.labels(of: topics.flatMap(\.unitIDs), in: s).mapValues(\.name)
            let order: [ResearchTopic.Grade] = [.major, .key, .general]
            return topics.compactMap { topic -> CollectionEntry? in
                guard let conclusion = topic.reviews.last(where: { $0.kind == .conclusion && $0.outcome == .passed }),
                    let reviewed = conclusion.reviewedOn
                else { return nil }
                return CollectionEntry(
                    topicID: topic.id, title: topic.title, grade: topic.grade,
                    units: topic.unitIDs.compactMap { names[$0] },
                    leadName: topic.leadName, concludedOn: reviewed, document: conclusion.document ?? "",
                    award: topic.award?.zh)
            }.sorted { (order.firstIndex(of: $0.grade)!, $0.title) < (order.firstIndex(of: $1.grade)!, $1.title) }
        }
    }

    public static func csv(_ entries: [CollectionEntry]) throws -> String {
        try CSVText.write(
            [["序号", "课题", "等级", "承担单位", "负责人", "结题日期", "论文/结题报告", "获奖"]]
                + entries.enumerated().map { index, entry in
                    [
                        "\(index + 1)", entry.title, entry.grade.zh, entry.units.joined(separator: "、"), entry.leadName,
                        entry.concludedOn.description, entry.document, entry.award ?? "",
                    ]
                })
    }
}
