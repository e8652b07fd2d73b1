import Dangjian
import Foundation

/// The console's words: Chinese dates (2026年12月7日), and the glossary's names for the
/// fields a refusal points at, so a secretary reads "手机号" rather than "phone".
public enum ConsoleWords {
    /// "2026年12月7日".
    public static func date(_ day: Day) -> String { "\(day.year)年\(day.month)月\(day.day)日" }

    /// "2026年12月7日" for an optional day, "—" for none.
    public static func date(_ day: Day?) -> String { day.map(date) ?? "—" }

    /// "2026年12月7日 14:05", in China Standard Time, as every day the host counts is (`Day`),
    /// whatever time zone the server itself runs in.
    public static func time(_ date: Date) -> String {
        let parts = Calendar.dangjian.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(
            format: "%d年%d月%d日 %02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0,
            parts.minute ?? 0)
    }

    /// "10" or "7.5": points and class hours as people write them, a whole number without its ".0".
    public static func number(_ value: Double) -> String {
        value.rounded() == value ? String(Int(value)) : String(format: "%.1f", value)
    }

    /// The Chinese label of a field a refusal names; the raw name when it has none.
    public static func field(_ name: String) -> String {
        let last = name.split(separator: ".").last.map(String.init) ?? name
        return labels[last] ?? name
    }

    /// The sector's Chinese name (领域).
    public static func domain(_ domain: Organization.Domain) -> String {
        switch domain {
        case .school: "学校"
        case .hospital: "医院"
        case .office: "机关"
        case .village: "农村"
        case .community: "社区"
        case .enterprise: "企业"
        case .socialOrganization: "社会组织"
        }
    }

    static let labels: [String: String] = [
        "name": "名称", "username": "用户名", "password": "密码", "phone": "手机号", "idNumber": "身份证号",
        "status": "状态", "reason": "原因", "note": "说明", "organizationID": "党组织", "toOrganizationID": "转入党组织",
        "heldAt": "时间", "heldOn": "日期", "place": "地点", "topic": "主题", "kind": "类型", "attendees": "参会人员",
        "absentees": "缺席人员", "minutes": "会议记录", "classHours": "学时", "title": "标题", "description": "内容",
        "dueOn": "截止日期", "rectifyBy": "整改期限", "acceptanceCriteria": "验收标准", "month": "月份",
        "on": "日期", "sentOn": "转出日期", "receivedOn": "接收日期", "evidence": "佐证材料", "period": "期间",
        "currentPassword": "当前密码", "displayName": "姓名", "newPassword": "新密码", "confirmPassword": "确认新密码",
    ]
}

extension Calendar {
    /// The Gregorian calendar in China Standard Time, for the console's times.
    static let dangjian: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .chinaStandard
        return calendar
    }()
}
