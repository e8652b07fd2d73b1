import Dangjian
import DangjianHTTP
import Foundation

/// The entry form (登记), a record's page, and its correction form, which asks for the reason.
struct RecordPages {
    let ledger: Ledger

    struct Choice {
        let value: String
        let label: String
        let selected: Bool
    }
    /// One member of the roster, with the box and the absence reason the form shows.
    struct RosterLine {
        let id: Int64
        let name: String
        let status: String
        let present: Bool
        let reason: String
    }
    /// The entry and correction forms' fields.
    struct Form {
        let action: String
        let organizationID: Int64
        let organization: String
        let kinds: [Choice]
        let heldAt: String
        let place: String
        let topic: String
        let minutes: String
        let classHours: String
        let roster: [RosterLine]
        let emptyRoster: Bool
        let correction: Bool
    }
    struct Item {
        let id: Int64
        let kind: String
        let organization: String
        let organizationID: Int64
        let heldAt: String
        let place: String
        let host: String
        let topic: String
        let minutes: String?
        let resolutions: String?
        let attendees: [RecordPages.Person]
        let absentees: [RecordPages.Person]
        let counts: String
        let revision: Int
        let calendar: String
        let form: Form
    }
    struct Person {
        let name: String
        let note: String
    }

    func register(_ pages: ConsolePages) {
        let ledger = self.ledger
        pages.get("/records/new") { page in
            let id = try OrgLifeDefaults.organization(page)
            let organization = try await page.host.organizations.get(id, by: page.principal)
            let roster = try await Self.roster(of: organization, page)
            let form = Form(
                action: "/orglife/records", organizationID: id, organization: organization.name,
                kinds: Self.kinds(selected: MeetingKind(rawValue: page.query("kind") ?? "") ?? .themeDay),
                heldAt: OrgLifeDefaults.localTime(page.host.store.clock.now()), place: "", topic: "", minutes: "",
                classHours: "",
                roster: roster.map {
                    RosterLine(id: $0.id, name: $0.name, status: $0.status.zh, present: true, reason: "")
                },
                emptyRoster: roster.isEmpty, correction: false)
            return .page(title: "登记组织生活", template: "orglife/record-form", content: form)
        }
        pages.post("/records") { page, form in
            let record = try await ledger.record(try await Self.draft(form, page), by: page.principal)
            return .redirect("/orglife/records/\(record.id)", notice: "已登记「\(record.topic)」")
        }
        pages.get("/records/{id}") { page in
            let record = try await ledger.get(try page.id(), by: page.principal)
            let organization = try await page.host.organizations.get(record.organizationID, by: page.principal)
            let roster = try await Self.roster(of: organization, page)
            return .page(
                title: record.topic, template: "orglife/record", content: Self.item(record, organization, roster))
        }
        pages.post("/records/{id}/corrections") { page, form in
            let id = try page.id()
            var draft = try await Self.draft(form, page)
            // The console asks for the reason; the ledger refuses a correction without one.
            draft.reason = form.text("reason")
            let record = try await ledger.correct(id, draft, by: page.principal)
            return .redirect("/orglife/records/\(id)", notice: "已更正（第 \(record.revision) 版）")
        }
    }

    static func kinds(selected: MeetingKind) -> [Choice] {
        MeetingKind.allCases.map { Choice(value: $0.rawValue, label: $0.zh, selected: $0 == selected) }
    }

    /// The organisation's party members (full and probationary), as the ledger counts them: a
    /// party group's are its branch's.
    static func roster(of organization: Organization, _ page: ConsoleRequest) async throws -> [Member] {
        let holder = organization.kind == .group ? (organization.parentID ?? organization.id) : organization.id
        var members: [Member] = []
        var cursor: String?
        repeat {
            let found = try await page.host.members.list(
                .init(organizationID: holder), page: try PageRequest(limit: PageRequest.maxLimit, cursor: cursor),
                by: page.principal)
            members += found.items.filter { [.full, .probationary].contains($0.status) }
            cursor = found.nextCursor
        } while cursor != nil
        return members
    }

    /// The ledger's draft from the form: the ticked members attend, every other member of the
    /// roster is absent with the reason typed beside their name.
    static func draft(_ form: ConsoleForm, _ page: ConsoleRequest) async throws -> LedgerRecordDraft {
        guard let id = try form.id("organizationID") else { throw DangjianError.required("organizationID") }
        let organization = try await page.host.organizations.get(id, by: page.principal)
        let present = Set(try form.ids("present"))
        var hours: Double?
        if let text = form.text("classHours") {
            guard let value = Double(text) else {
                throw DangjianError.badValue("classHours", zh: "应为数字", en: "must be a number")
            }
            hours = value
        }
        let roster = try await roster(of: organization, page)
        return LedgerRecordDraft(
            organizationID: id, kind: form.text("kind"), heldAt: form.text("heldAt"), place: form.text("place"),
            topic: form.text("topic"), minutes: form.text("minutes"),
            attendees: roster.filter { present.contains($0.id) }.map {
                LedgerRecordDraft.AttendeeDraft(memberID: $0.id, classHours: hours)
            },
            absentees: roster.filter { !present.contains($0.id) }.map {
                LedgerRecordDraft.AbsenteeDraft(memberID: $0.id, reason: form.text("reason-\($0.id)"))
            })
    }

    static func item(_ record: LedgerRecord, _ organization: Organization, _ roster: [Member]) -> Item {
        let attending = Set(record.attendees.map(\.memberID))
        let reasons = Dictionary(record.absentees.map { ($0.memberID, $0.reason) }) { a, _ in a }
        let hours = record.attendees.first.map { String(format: "%g", $0.classHours) } ?? ""
        let month = String(record.heldOn.description.prefix(7))
        return Item(
            id: record.id, kind: record.kind.zh, organization: organization.name, organizationID: organization.id,
            heldAt: ConsoleWords.time(record.heldAt), place: record.place ?? "—", host: record.host ?? "—",
            topic: record.topic, minutes: record.minutes, resolutions: record.resolutions,
            attendees: record.attendees.map {
                Person(name: $0.name, note: "学时 " + String(format: "%g", $0.classHours))
            },
            absentees: record.absentees.map { Person(name: $0.name, note: $0.reason) },
            counts: "应到 \(record.attendees.count + record.absentees.count) 人，实到 \(record.attendees.count) 人",
            revision: record.revision,
            calendar: "/orglife/calendar?organization=\(organization.id)&month=\(month)",
            form: Form(
                action: "/orglife/records/\(record.id)/corrections", organizationID: organization.id,
                organization: organization.name, kinds: kinds(selected: record.kind),
                heldAt: OrgLifeDefaults.localTime(record.heldAt), place: record.place ?? "", topic: record.topic,
                minutes: record.minutes ?? "", classHours: hours,
                roster: roster.map {
                    RosterLine(
                        id: $0.id, name: $0.name, status: $0.status.zh, present: attending.contains($0.id),
                        reason: reasons[$0.id] ?? "")
                },
                emptyRoster: roster.isEmpty, correction: true))
    }
}
