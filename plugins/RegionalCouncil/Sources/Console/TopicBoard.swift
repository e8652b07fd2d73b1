import Dangjian
import DangjianHTTP
import Foundation

/// 课题: a committee's research topics of a call year as a board, one column per stage (申报,
/// 立项, 开题, 中期, 结题, 获奖, 未立项), each topic a card with its next review flagged when late;
/// and a topic's page with its reviews, award and transfers.
struct TopicBoard {
    let councils: Councils
    let topics: Topics

    struct Year {
        let year: Int
        let selected: Bool
    }
    struct Card {
        let id: Int64
        let title: String
        let grade: String
        let unit: String
        let lead: String
        let next: String?
        let late: Bool
        let award: String?
    }
    struct Column {
        let stage: String
        let count: Int
        let cards: [Card]
    }
    struct Board {
        let committeeID: Int64
        let committee: String
        let years: [Year]
        let columns: [Column]
        let empty: Bool
    }
    struct Review {
        let kind: String
        let round: Int
        let due: String
        let submitted: String
        let outcome: String
        let late: Bool
        let comments: String?
    }
    struct Transfer {
        let unit: String
        let on: String
        let description: String
    }
    struct TopicView {
        let title: String
        let committeeID: Int64
        let stage: String
        let grade: String
        let units: String
        let lead: String
        let budget: Int
        let summary: String?
        let applied: String
        let advisor: String?
        let award: String?
        let outstanding: Bool
        let reviews: [Review]
        let transfers: [Transfer]
    }

    static let outcomes: [ResearchTopic.Review.Outcome: String] = [.pending: "待评审", .passed: "通过", .returned: "退回修改"]

    func register(_ pages: ConsolePages) {
        pages.get("/committees/{id}/topics") { page in
            let committee = try await councils.committee(try page.id(), by: page.principal)
            let calls = try await topics.calls(of: committee.id, by: page.principal)
            let years = Array(Set(calls.map(\.year) + [page.today.year])).sorted(by: >)
            let year =
                try page.query("year").map { text -> Int in
                    guard let year = Int(text) else {
                        throw DangjianError.badValue("year", zh: "年度无效", en: "unknown year")
                    }
                    return year
                } ?? page.today.year
            let found = try await topics.list(of: committee.id, stage: nil, year: year, by: page.principal)
            let names = try await page.host.store.read { s in
                try OrganizationRegistry.names(of: found.map(\.leadUnitID), in: s)
            }
            let columns = ResearchTopic.Stage.allCases.map { stage in
                let cards = found.filter { $0.stage == stage }.map { topic in
                    let pending = topic.reviews.last { $0.outcome == .pending && $0.submittedOn == nil }
                    return Card(
                        id: topic.id, title: topic.title, grade: topic.grade.zh, unit: names[topic.leadUnitID] ?? "",
                        lead: topic.leadName,
                        next: pending.map { "\($0.kind.zh)截止 \(ConsoleWords.date($0.dueOn))" },
                        late: pending.map { $0.dueOn < page.today } ?? false, award: topic.award?.zh)
                }
                return Column(stage: stage.zh, count: cards.count, cards: cards)
            }
            let board = Board(
                committeeID: committee.id, committee: committee.name,
                years: years.map { Year(year: $0, selected: $0 == year) }, columns: columns, empty: found.isEmpty)
            return .page(title: "\(committee.name)课题", template: "council/board", content: board)
        }
        pages.get("/topics/{id}") { page in
            let topic = try await topics.get(try page.id(), by: page.principal)
            let names = try await page.host.store.read { s in
                try OrganizationRegistry.names(of: topic.unitIDs + topic.transfers.map(\.organizationID), in: s)
            }
            let view = TopicView(
                title: topic.title, committeeID: topic.committeeID, stage: topic.stage.zh, grade: topic.grade.zh,
                units: topic.unitIDs.compactMap { names[$0] }.joined(separator: "、"), lead: topic.leadName,
                budget: topic.budget, summary: topic.summary, applied: ConsoleWords.date(topic.appliedOn),
                advisor: topic.advisor, award: topic.award?.zh, outstanding: topic.outstanding,
                reviews: topic.reviews.map {
                    Review(
                        kind: $0.kind.zh, round: $0.round, due: ConsoleWords.date($0.dueOn),
                        submitted: ConsoleWords.date($0.submittedOn), outcome: Self.outcomes[$0.outcome] ?? "",
                        late: $0.submittedOn == nil && $0.dueOn < page.today, comments: $0.comments)
                },
                transfers: topic.transfers.map {
                    Transfer(
                        unit: names[$0.organizationID] ?? "", on: ConsoleWords.date($0.appliedOn),
                        description: $0.description)
                })
            return .page(title: topic.title, template: "council/topic", content: view)
        }
    }
}
