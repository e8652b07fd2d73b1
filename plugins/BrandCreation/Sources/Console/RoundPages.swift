import Dangjian
import DangjianHTTP
import Foundation

/// 品牌评比: the rounds the caller organises or scores, and a round with its rubric and ranking.
struct RoundPages {
    let evaluations: Evaluations

    struct Summary {
        let id: Int64
        let title: String
        let deadline: String
        let published: String?
        let entries: Int
    }
    struct Listing {
        let rounds: [Summary]
        let empty: Bool
    }
    struct Criterion {
        let item: String
        let max: String
        let criterion: String
    }
    struct Entry {
        let brandID: Int64
        let rank: Int?
        let brand: String
        let unit: String
        let tier: String
        let sheets: Int
        let average: String?
    }
    struct RoundView {
        let title: String
        let deadline: String
        let published: String?
        let rubric: [Criterion]
        let total: String
        let ruleRef: String
        let entries: [Entry]
        let evaluators: Int
    }

    func register(_ pages: ConsolePages) {
        pages.get("/rounds") { page in
            let rounds = try await evaluations.list(by: page.principal)
            return .page(
                title: "品牌评比", template: "brand/rounds",
                content: Listing(
                    rounds: rounds.map {
                        Summary(
                            id: $0.id, title: $0.title, deadline: ConsoleWords.date($0.scoringDeadline),
                            published: $0.publishedOn.map(ConsoleWords.date), entries: $0.entries.count)
                    }, empty: rounds.isEmpty))
        }
        pages.get("/rounds/{id}") { page in
            let round = try await evaluations.get(try page.id(), by: page.principal)
            let view = RoundView(
                title: round.title, deadline: ConsoleWords.date(round.scoringDeadline),
                published: round.publishedOn.map(ConsoleWords.date),
                rubric: round.rubric.items.map {
                    Criterion(item: $0.item, max: ConsoleWords.number($0.max), criterion: $0.criterion)
                }, total: ConsoleWords.number(round.rubric.total), ruleRef: round.rubric.ruleRef,
                entries: round.entries.map {
                    Entry(
                        brandID: $0.brandID, rank: $0.rank, brand: $0.brandName, unit: $0.organizationName,
                        tier: $0.tier.zh, sheets: $0.sheets, average: $0.average.map(ConsoleWords.number))
                }, evaluators: round.evaluatorMemberIDs.count)
            return .page(title: round.title, template: "brand/round", content: view)
        }
    }
}
