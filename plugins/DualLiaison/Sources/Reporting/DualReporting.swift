import Dangjian
import DangjianLua
import Foundation

/// 双报到 (seed 003, "深化‘双报到’……引导党员干部深入开展‘走基层’活动"): organisations and party
/// members report to the community where they are located or live, and record the service
/// they do there. Kept by whoever keeps the reporter's ledger (writeLedger over its
/// organisation); read by whoever reads it. Only names are shown, never ID or phone numbers.
public final class DualReporting: Sendable {
    let host: DangjianHost

    public static let report = Entity("liaison.report", zh: "双报到", en: "Community report")
    public static let service = Entity("liaison.service", zh: "社区服务记录", en: "Community service")

    public init(host: DangjianHost) { self.host = host }

    /// Reports to a community. Reporting to another one (after a move) ends the report in force
    /// the day before; the history stays.
    public func report(_ draft: CommunityReportDraft, by actor: Principal) async throws -> CommunityReport {
        guard (draft.communityID == nil) != (draft.communityName == nil) else {
            throw DangjianError.invalid(
                DualLiaisonErrorCode.oneCommunity, field: "communityID",
                zh: "请给出 communityID（登记在册的社区党组织）或 communityName（社区名称）之一",
                en: "Give exactly one of communityID (a community organisation in the registry) or communityName")
        }
        let typed = try Validate.optionalText(draft.communityName, field: "communityName", max: 100)
        if draft.communityName != nil, typed == nil { throw DangjianError.required("communityName") }
        return try await host.store.write(actor) { tx in
            let s = tx.session
            let reporter = try Reporter.resolve(
                memberID: draft.memberID, organizationID: draft.organizationID, actor: actor, in: s)
            try actor.requireOnVisible(.writeLedger, over: reporter.path)
            let on = try Validate.day(draft.reportedOn, field: "reportedOn") ?? tx.today
            try Validate.notFuture(on, field: "reportedOn", today: tx.today)
            let community = try draft.communityID.map { try Self.community($0, actor: actor, in: s) } ?? typed!
            let current = try Self.reports("reporter = ? AND ended_on IS NULL", [.text(reporter.key)], in: s).first
            if let current {
                guard
                    current.communityID != draft.communityID
                        || (draft.communityID == nil && current.community != community)
                else {
                    throw DangjianError.conflict(
                        DualLiaisonErrorCode.alreadyReported,
                        field: draft.communityID == nil ? "communityName" : "communityID",
                        zh: "\(reporter.name) 已向「\(community)」报到",
                        en: "\(reporter.name) has reported to \(community) already")
                }
                guard on > current.reportedOn else {
                    throw DangjianError.invalid(
                        KernelErrorCode.validationDateOrder, field: "reportedOn",
                        zh: "reportedOn（\(on)）应晚于现有报到日期 \(current.reportedOn)",
                        en: "reportedOn (\(on)) must be after the report in force, \(current.reportedOn)")
                }
                try s.execute(
                    "UPDATE liaison_reports SET ended_on = ? WHERE id = ?",
                    [SQLValue(on.adding(days: -1)), .integer(current.id)])
            }
            let id = try s.insert(
                """
                INSERT INTO liaison_reports (reporter, member_id, organization_id, community_id, community_name, reported_on, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    .text(reporter.key), SQLValue(reporter.memberID), SQLValue(reporter.organizationID),
                    SQLValue(draft.communityID),
                    .text(community), SQLValue(on), tx.timestamp,
                ])
            let made = try Self.reports("id = ?", [.integer(id)], in: s)[0]
            try tx.audit(Self.report, id: id, action: "report", path: reporter.path, before: current, after: made)
            return made
        }
    }

    /// Records a service done in the community the reporter had reported to on that day.
    public func serve(_ draft: CommunityServiceDraft, by actor: Principal) async throws -> CommunityService {
        let description = try Validate.text(draft.description, field: "description", max: 500)
        guard let hours = draft.hours else { throw DangjianError.required("hours") }
        guard hours > 0, hours <= 24 else {
            throw DangjianError.badValue(
                "hours", zh: "应大于 0 且不超过 24 小时", en: "must be more than 0 and at most 24 hours")
        }
        return try await host.store.write(actor) { tx in
            let s = tx.session
            let reporter = try Reporter.resolve(
                memberID: draft.memberID, organizationID: draft.organizationID, actor: actor, in: s)
            try actor.requireOnVisible(.writeLedger, over: reporter.path)
            let on = try Validate.requiredDay(draft.servedOn, field: "servedOn")
            try Validate.notFuture(on, field: "servedOn", today: tx.today)
            guard
                let report = try Self.reports(
                    "reporter = ? AND reported_on <= ? AND (ended_on IS NULL OR ended_on >= ?)",
                    [.text(reporter.key), SQLValue(on), SQLValue(on)], in: s
                ).last
            else {
                throw DangjianError.invalid(
                    DualLiaisonErrorCode.notReported, field: "servedOn",
                    zh: "\(reporter.name) 在 \(on) 尚未向社区报到",
                    en: "\(reporter.name) had not reported to a community on \(on)")
            }
            let id = try s.insert(
                """
                INSERT INTO liaison_services (report_id, reporter, served_on, hours, description, created_at) VALUES (?, ?, ?, ?, ?, ?)
                """,
                [
                    .integer(report.id), .text(reporter.key), SQLValue(on), .real(hours), .text(description),
                    tx.timestamp,
                ])
            let made = try Self.services("s.id = ?", [.integer(id)], in: s)[0]
            try tx.audit(
                Self.service, id: id, action: "create", path: reporter.path, before: CommunityService?.none, after: made
            )
            return made
        }
    }

    /// A member's year: reports in force during it, its services and their hours.
    public func year(ofMember memberID: Int64, year: Int?, by actor: Principal) async throws -> MemberDualReporting {
        let span = try Self.span(year, today: host.store.clock.today())
        return try await host.store.read { s in
            let reporter = try Reporter.resolve(memberID: memberID, organizationID: nil, actor: actor, in: s)
            if actor.memberID != memberID { try actor.requireOnVisible(.readLedger, over: reporter.path) }
            let (reports, services) = try Self.history(of: reporter.key, span, in: s)
            return MemberDualReporting(
                memberID: memberID, name: reporter.name, organizationID: reporter.memberOrganizationID ?? 0,
                year: span.start.year, reports: reports, services: services,
                totalHours: services.reduce(0) { $0 + $1.hours })
        }
    }

    /// A reporter's reports in force during `span`, and its services in it.
    static func history(of reporter: String, _ span: Period, in s: any SQLSession) throws -> (
        [CommunityReport], [CommunityService]
    ) {
        (
            try reports(
                "reporter = ? AND reported_on <= ? AND (ended_on IS NULL OR ended_on >= ?)",
                [.text(reporter), SQLValue(span.end), SQLValue(span.start)], in: s),
            try services(
                "s.reporter = ? AND s.served_on BETWEEN ? AND ?",
                [.text(reporter), SQLValue(span.start), SQLValue(span.end)], in: s)
        )
    }

    /// A community organisation named by id: it exists, is a community and is not archived.
    /// Anyone may report to any community, so a community's name is no secret; any other
    /// organisation is named in the refusal only when the caller may read it, and one that does
    /// not exist is refused alike, so the refusal tells nothing about what lies out of sight.
    static func community(_ id: Int64, actor: Principal, in s: any SQLSession) throws -> String {
        let organization = try OrganizationRegistry.load(id, in: s)
        if let organization, organization.domain == .community, !organization.isArchived { return organization.name }
        guard let organization,
            organization.domain == .community || actor.scope(for: .readOrganizations).contains(path: organization.path)
        else {
            throw DangjianError.invalid(
                DualLiaisonErrorCode.notACommunity, field: "communityID",
                zh: "communityID \(id) 不是登记在册的社区党组织",
                en: "communityID \(id) is not a community organisation in the registry")
        }
        throw DangjianError.invalid(
            DualLiaisonErrorCode.notACommunity, field: "communityID",
            zh: organization.isArchived ? "「\(organization.name)」已撤销" : "「\(organization.name)」不是社区党组织",
            en: organization.isArchived
                ? "\(organization.name) is archived" : "\(organization.name) is not a community organisation")
    }

    static func reports(_ condition: String, _ arguments: [SQLValue], in s: any SQLSession) throws -> [CommunityReport]
    {
        try s.query(
            """
            SELECT id, member_id, organization_id, community_id, community_name, reported_on, ended_on FROM liaison_reports
            WHERE \(condition) ORDER BY reported_on, id
            """, arguments
        ).map {
            CommunityReport(
                id: try $0.int64("id"), memberID: try $0.optionalInt64("member_id"),
                organizationID: try $0.optionalInt64("organization_id"),
                communityID: try $0.optionalInt64("community_id"), community: try $0.string("community_name"),
                reportedOn: try $0.day("reported_on"), endedOn: try $0.optionalDay("ended_on"))
        }
    }

    static func services(_ condition: String, _ arguments: [SQLValue], in s: any SQLSession) throws
        -> [CommunityService]
    {
        try s.query(
            """
            SELECT s.id, s.report_id, r.community_name, s.served_on, s.hours, s.description FROM liaison_services s
            JOIN liaison_reports r ON r.id = s.report_id WHERE \(condition) ORDER BY s.served_on, s.id
            """, arguments
        ).map {
            CommunityService(
                id: try $0.int64("id"), reportID: try $0.int64("report_id"), community: try $0.string("community_name"),
                servedOn: try $0.day("served_on"), hours: try $0.double("hours"),
                description: try $0.string("description"))
        }
    }

    /// A calendar year (this year when absent), within the years the host keeps dates for.
    static func span(_ year: Int?, today: Day) throws -> Period {
        guard let period = Period(String(format: "%04d", year ?? today.year)) else {
            throw DangjianError.badValue(
                "year", zh: "年份应在 \(Day.supportedYears.lowerBound)–\(Day.supportedYears.upperBound) 之间",
                en: "year must fall in \(Day.supportedYears.lowerBound)–\(Day.supportedYears.upperBound)")
        }
        return period
    }
}

/// Who reports: a party member or an organisation, keyed as "member:ID" or "organization:ID".
struct Reporter: Sendable {
    let key: String
    let memberID: Int64?
    let organizationID: Int64?
    let name: String
    /// The organisation whose ledger holds the report: the member's, or the reporting one.
    let path: String
    let memberOrganizationID: Int64?

    /// Exactly one of the two, visible to the caller (404 otherwise); a member reports only as
    /// a party member, an organisation only while it is not archived.
    static func resolve(memberID: Int64?, organizationID: Int64?, actor: Principal, in s: any SQLSession) throws
        -> Reporter
    {
        switch (memberID, organizationID) {
        case (let memberID?, nil):
            let person = try Person.visible(memberID, to: actor, in: s)
            guard person.isPartyMember else { throw Person.notAPartyMember(person) }
            return Reporter(
                key: "member:\(memberID)", memberID: memberID, organizationID: nil, name: person.name,
                path: person.path,
                memberOrganizationID: person.organizationID)
        case (nil, let organizationID?):
            let path = try OrganizationRegistry.path(of: organizationID, in: s, scope: actor.scope(for: .readLedger))
            guard let organization = try OrganizationRegistry.load(organizationID, in: s), !organization.isArchived
            else {
                throw DangjianError.notFound(.organization)
            }
            return Reporter(
                key: "organization:\(organizationID)", memberID: nil, organizationID: organizationID,
                name: organization.name,
                path: path, memberOrganizationID: nil)
        default:
            throw DangjianError.invalid(
                DualLiaisonErrorCode.oneReporter, field: "memberID",
                zh: "请给出 memberID（党员报到）或 organizationID（组织报到）之一",
                en: "Give exactly one of memberID (a member reports) or organizationID (an organisation reports)")
        }
    }
}
