import Dangjian
import DangjianHTTP
import Foundation

extension OrgLifePlugin {
    /// The member page's 组织生活 tab: this year's class hours by month as bars drawn by the
    /// server, and each meeting the member attended or missed, with the reason.
    public func memberPanels(_ request: ConsoleRequest, memberID: Int64) async throws -> [ConsolePanel] {
        let year = request.today.year
        let meetings = try await Ledger(host: request.host).attendance(
            of: memberID, year: year, by: request.principal)
        return [
            ConsolePanel(
                title: "\(year)年组织生活与学时", link: nil, template: "orglife/member-life",
                content: MemberLife(year: year, meetings: meetings))
        ]
    }
}

/// What the member's 组织生活 tab shows.
struct MemberLife {
    struct Line {
        let recordID: Int64
        let kind: String
        let day: String
        let topic: String
        let present: Bool
        let reason: String
        let hours: String
    }
    let lines: [Line]
    let empty: Bool
    let summary: String
    /// The class hours of each month as bars, built here from numbers and fixed labels only.
    let hoursSvg: String

    init(year: Int, meetings: [MemberAttendance]) {
        lines = meetings.map {
            Line(
                recordID: $0.recordID, kind: $0.kind.zh, day: ConsoleWords.date($0.heldOn), topic: $0.topic,
                present: $0.present, reason: $0.reason ?? "", hours: ConsoleWords.number($0.classHours))
        }
        empty = meetings.isEmpty
        let attended = meetings.filter(\.present).count
        let total = meetings.reduce(0) { $0 + $1.classHours }
        summary = "应参加 \(meetings.count) 次，出席 \(attended) 次，学时 \(ConsoleWords.number(total))"
        var months = [Double](repeating: 0, count: 12)
        for meeting in meetings where meeting.heldOn.year == year {
            months[meeting.heldOn.month - 1] += meeting.classHours
        }
        hoursSvg = Self.bars(months)
    }

    static func bars(_ months: [Double]) -> String {
        let width = 36, gap = 8, height = 120, top = 16
        let most = max(months.max() ?? 0, 1)
        var svg =
            "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\((width + gap) * 12)\" viewBox=\"0 0 \((width + gap) * 12) \(height + top + 20)\" "
            + "role=\"img\" aria-label=\"各月学时\"><title>各月学时</title>"
        for (index, value) in months.enumerated() {
            let barHeight = Int((value / most) * Double(height))
            let x = index * (width + gap)
            let y = top + height - barHeight
            svg += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(width)\" height=\"\(barHeight)\" fill=\"#c8161d\">"
            svg += "<title>\(index + 1)月：\(ConsoleWords.number(value)) 学时</title></rect>"
            if value > 0 {
                svg +=
                    "<text x=\"\(x + width / 2)\" y=\"\(y - 3)\" text-anchor=\"middle\" font-size=\"11\">\(ConsoleWords.number(value))</text>"
            }
            svg +=
                "<text x=\"\(x + width / 2)\" y=\"\(top + height + 15)\" text-anchor=\"middle\" font-size=\"11\">\(index + 1)月</text>"
        }
        return svg + "</svg>"
    }
}
