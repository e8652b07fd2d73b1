import Foundation

/// A party member or a person on the way to membership. `idNumber` and `phone` are masked on
/// the way out unless the caller holds `unmaskPersonalData` over the member's organisation.
public struct Member: Sendable, Codable, Equatable {
    public enum Gender: String, Sendable, Codable, CaseIterable { case male, female }

    public internal(set) var id: Int64
    public var organizationID: Int64
    public var name: String
    public var gender: Gender?
    public var idNumber: String?
    public var birthDate: Day?
    public var phone: String?
    public var status: MemberStatus
    public var appliedOn: Day?
    /// The day the organisation first talked with the applicant (谈话), which DEV asks for
    /// within a month of the application.
    public var talkedOn: Day?
    public var activistOn: Day?
    public var candidateOn: Day?
    public var admittedOn: Day?
    public var fullOn: Day?
    public var retired: Bool
    public var flowing: Bool
    /// Where a flowing member works now (流动党员去向).
    public var flowingTo: String?
    public var lostContact: Bool
    public var lostContactSince: Day?
    /// A relation transfer that has been sent and not yet received.
    public var pendingTransferID: Int64?
    public internal(set) var createdAt: Date
    public var updatedAt: Date
    /// Whether `idNumber` and `phone` are shown in full in this copy.
    public var personalDataVisible: Bool

    func date(of status: MemberStatus) -> Day? {
        switch status {
        case .applicant: appliedOn
        case .activist: activistOn
        case .developmentCandidate: candidateOn
        case .probationary: admittedOn
        case .full: fullOn
        }
    }

    /// The stage dates in pipeline order, for ordering checks.
    var stageDates: [(String, Day?)] {
        MemberStatus.allCases.map { ($0.dateField, date(of: $0)) }
    }

    /// This member as a caller who may not see personal data sees them.
    public func masked() -> Member {
        var copy = self
        copy.idNumber = idNumber.map(ResidentID.mask)
        copy.phone = phone.map(PhoneNumber.mask)
        // The birth date is the middle of the ID number; showing it would undo the mask.
        copy.birthDate = nil
        copy.personalDataVisible = false
        return copy
    }
}

/// What a caller sends to register a member.
public struct MemberDraft: Sendable, Codable {
    public var organizationID: Int64?
    public var name: String?
    public var gender: String?
    public var idNumber: String?
    public var phone: String?
    public var status: String?
    public var appliedOn: String?
    public var talkedOn: String?
    public var activistOn: String?
    public var candidateOn: String?
    public var admittedOn: String?
    public var fullOn: String?
    public var retired: Bool?
    public var flowing: Bool?
    public var flowingTo: String?
    public var lostContact: Bool?
    public var lostContactSince: String?

    public init(
        organizationID: Int64? = nil, name: String? = nil, gender: String? = nil, idNumber: String? = nil,
        phone: String? = nil, status: String? = nil, appliedOn: String? = nil, activistOn: String? = nil,
        candidateOn: String? = nil, admittedOn: String? = nil, fullOn: String? = nil, retired: Bool? = nil,
        flowing: Bool? = nil, flowingTo: String? = nil, lostContact: Bool? = nil, lostContactSince: String? = nil,
        talkedOn: String? = nil
    ) {
        self.organizationID = organizationID
        self.name = name
        self.gender = gender
        self.idNumber = idNumber
        self.phone = phone
        self.status = status
        self.appliedOn = appliedOn
        self.talkedOn = talkedOn
        self.activistOn = activistOn
        self.candidateOn = candidateOn
        self.admittedOn = admittedOn
        self.fullOn = fullOn
        self.retired = retired
        self.flowing = flowing
        self.flowingTo = flowingTo
        self.lostContact = lostContact
        self.lostContactSince = lostContactSince
        self.talkedOn = talkedOn
    }
}

/// Changes to contact data and flags. Status and organisation change only through their own
/// operations (a status change, a relation transfer), which keep their own history.
public struct MemberPatch: Sendable, Codable {
    public var name: String?
    public var gender: String?
    public var idNumber: String?
    public var phone: String?
    public var retired: Bool?
    public var flowing: Bool?
    public var flowingTo: String?
    public var lostContact: Bool?
    public var lostContactSince: String?
    public var talkedOn: String?

    public init(
        name: String? = nil, gender: String? = nil, idNumber: String? = nil, phone: String? = nil,
        retired: Bool? = nil, flowing: Bool? = nil, flowingTo: String? = nil, lostContact: Bool? = nil,
        lostContactSince: String? = nil, talkedOn: String? = nil
    ) {
        self.name = name
        self.gender = gender
        self.idNumber = idNumber
        self.phone = phone
        self.retired = retired
        self.flowing = flowing
        self.flowingTo = flowingTo
        self.lostContact = lostContact
        self.lostContactSince = lostContactSince
        self.talkedOn = talkedOn
    }
}

public struct StatusChange: Sendable, Codable {
    public var status: String?
    /// The day the new stage began; defaults to today.
    public var on: String?
    public var reason: String?

    public init(status: String?, on: String? = nil, reason: String?) {
        self.status = status
        self.on = on
        self.reason = reason
    }
}

public struct StatusChangeRecord: Sendable, Codable, Equatable {
    public let id: Int64
    public let memberID: Int64
    public let from: MemberStatus
    public let to: MemberStatus
    public let on: Day
    public let reason: String
    public let actorUserID: Int64?
    public let at: Date
}

extension Member {
    enum Columns {
        static let all = """
            m.id, m.organization_id, m.name, m.gender, m.id_number, m.birth_date, m.phone, m.status, m.applied_on,
            m.activist_on, m.candidate_on, m.admitted_on, m.full_on, m.talked_on, m.retired, m.flowing, m.flowing_to,
            m.lost_contact, m.lost_contact_since, m.pending_transfer_id, m.created_at, m.updated_at, o.path AS org_path
            """
    }

    init(row: SQLRow) throws {
        id = try row.int64("id")
        organizationID = try row.int64("organization_id")
        name = try row.string("name")
        gender = try row.optionalEnum("gender")
        idNumber = try row.optionalString("id_number")
        birthDate = try row.optionalDay("birth_date")
        phone = try row.optionalString("phone")
        status = try row.enumValue("status")
        appliedOn = try row.optionalDay("applied_on")
        activistOn = try row.optionalDay("activist_on")
        candidateOn = try row.optionalDay("candidate_on")
        admittedOn = try row.optionalDay("admitted_on")
        fullOn = try row.optionalDay("full_on")
        talkedOn = try row.optionalDay("talked_on")
        retired = try row.bool("retired")
        flowing = try row.bool("flowing")
        flowingTo = try row.optionalString("flowing_to")
        lostContact = try row.bool("lost_contact")
        lostContactSince = try row.optionalDay("lost_contact_since")
        pendingTransferID = try row.optionalInt64("pending_transfer_id")
        createdAt = try row.date("created_at")
        updatedAt = try row.date("updated_at")
        personalDataVisible = true
    }
}
