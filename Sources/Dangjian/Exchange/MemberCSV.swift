import CSV
import Foundation

/// The member roster as CSV, the form party offices keep it in spreadsheets. Headers may be
/// the API's field names or their Chinese labels; values may be English codes or Chinese.
public enum MemberCSV {
    /// Field name, Chinese header.
    public static let columns: [(field: String, zh: String)] = [
        ("organizationID", "组织ID"), ("name", "姓名"), ("gender", "性别"), ("idNumber", "身份证号"), ("phone", "手机号"),
        ("status", "状态"), ("appliedOn", "申请入党日期"), ("activistOn", "确定积极分子日期"), ("candidateOn", "确定发展对象日期"),
        ("admittedOn", "接收预备党员日期"), ("fullOn", "转正日期"), ("retired", "离退休"), ("flowing", "流动党员"),
        ("flowingTo", "流动去向"), ("lostContact", "失联"), ("lostContactSince", "失联日期"),
        ("talkedOn", "谈话日期"),
    ]

    /// One data row of an import file, read into a draft that is not yet validated.
    public struct ParsedRow: Sendable {
        /// The row's line in the file, counting the header as line 1, for error reports.
        public let line: Int
        /// The row's values as a member draft.
        public let draft: MemberDraft
    }

    /// Parses the text. A row that cannot even be read as a member (a bad boolean, a wrong
    /// column count) is returned as an error with its line; the rest go on to validation.
    public static func parse(_ text: String) throws -> (rows: [ParsedRow], errors: [BatchRowResult]) {
        let text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true, trimFields: true)
        } catch {
            throw DangjianError.invalid(
                KernelErrorCode.importUnreadable, zh: "CSV 文件无法读取：\(error)", en: "The CSV cannot be read: \(error)")
        }
        guard let header = reader.headerRow else {
            throw DangjianError.invalid(KernelErrorCode.importNoHeader, zh: "CSV 缺少表头", en: "The CSV has no header row")
        }
        var index: [String: Int] = [:]
        for (i, name) in header.enumerated() {
            guard let column = columns.first(where: { $0.field == name || $0.zh == name }) else {
                throw DangjianError.invalid(
                    KernelErrorCode.importUnknownColumn, field: name, zh: "未知列「\(name)」", en: "Unknown column \(name)")
            }
            index[column.field] = i
        }
        for required in ["organizationID", "name"] where index[required] == nil {
            throw DangjianError.invalid(
                KernelErrorCode.importMissingColumn, field: required, zh: "缺少列 \(required)",
                en: "Missing column \(required)")
        }
        var rows: [ParsedRow] = []
        var errors: [BatchRowResult] = []
        var line = 1
        while let fields = reader.next() {
            line += 1
            if fields.allSatisfy(\.isEmpty) { continue }
            do {
                guard fields.count == header.count else {
                    throw DangjianError.invalid(
                        KernelErrorCode.importColumnCount,
                        zh: "应有 \(header.count) 列，实际 \(fields.count) 列",
                        en: "expected \(header.count) fields, found \(fields.count)")
                }
                func value(_ field: String) -> String? {
                    index[field].flatMap { fields[$0].isEmpty ? nil : fields[$0] }
                }
                rows.append(ParsedRow(line: line, draft: try draft(value)))
            } catch let error as DangjianError {
                errors.append(BatchRowResult(line: line, memberID: nil, error: error))
            }
        }
        if let error = reader.error {
            throw DangjianError.invalid(
                KernelErrorCode.importUnreadable, zh: "第 \(line + 1) 行无法读取：\(error)",
                en: "Line \(line + 1) cannot be read: \(error)")
        }
        return (rows, errors)
    }

    static func draft(_ value: (String) -> String?) throws -> MemberDraft {
        var organizationID: Int64?
        if let text = value("organizationID") {
            guard let id = Int64(text) else {
                throw DangjianError.badValue("organizationID", zh: "应为整数", en: "must be an integer")
            }
            organizationID = id
        }
        func flag(_ field: String) throws -> Bool? {
            guard let text = value(field) else { return nil }
            switch text.lowercased() {
            case "true", "1", "是", "yes": return true
            case "false", "0", "否", "no": return false
            default: throw DangjianError.badValue(field, zh: "应为 是/否", en: "must be true or false")
            }
        }
        let gender = value("gender").map { ["男": "male", "女": "female"][$0] ?? $0 }
        let status = value("status").map { text in MemberStatus.allCases.first { $0.zh == text }?.rawValue ?? text }
        return MemberDraft(
            organizationID: organizationID, name: value("name"), gender: gender, idNumber: value("idNumber"),
            phone: value("phone"), status: status, appliedOn: value("appliedOn"), activistOn: value("activistOn"),
            candidateOn: value("candidateOn"), admittedOn: value("admittedOn"), fullOn: value("fullOn"),
            retired: try flag("retired"), flowing: try flag("flowing"), flowingTo: value("flowingTo"),
            lostContact: try flag("lostContact"), lostContactSince: value("lostContactSince"),
            talkedOn: value("talkedOn"))
    }

    /// Writes members as CSV with Chinese headers. The caller passes members as the registry
    /// returned them, so ID and phone numbers are masked unless the caller may see them.
    public static func export(_ members: [Member]) throws -> String {
        try CSVText.write(
            [columns.map(\.zh)]
                + members.map { m in
                    [
                        String(m.organizationID), m.name, m.gender.map { $0 == .male ? "男" : "女" } ?? "",
                        m.idNumber ?? "",
                        m.phone ?? "", m.status.zh, m.appliedOn?.description ?? "", m.activistOn?.description ?? "",
                        m.candidateOn?.description ?? "", m.admittedOn?.description ?? "", m.fullOn?.description ?? "",
                        m.retired ? "是" : "否", m.flowing ? "是" : "否", m.flowingTo ?? "", m.lostContact ? "是" : "否",
                        m.lostContactSince?.description ?? "", m.talkedOn?.description ?? "",
                    ]
                })
    }
}
