import Foundation

/// A party member or a person on the way to membership. `idNumber` and `phone` are masked on
/// the way out unless the caller holds `unmaskPersonalData` over the member's organisation.
public struct Member: Sendable, Codable, Equatable {
    /// Read from the ID number when one is given; a gender that contradicts it is refused.
    public enum Gender: String, Sendable, Codable, CaseIterable { case male, female }

    /// The member's row id; set by the registry when the member is created, never by a caller.
    public internal(set) var id: Int64
    /// The organisation (党组织) that holds the member's relation.
    public var organizationID: Int64
    /// The member's name, at most 50 characters.
    public var name: String
    /// Nil when neither given nor readable from an ID number.
    public var gender: Gender?
    /// The 18-character resident ID (身份证号), unique among members; masked unless `personalDataVisible`.
    public var idNumber: String?
    /// Read from the ID number; nil in a masked copy, since it would give the mask away.
    public var birthDate: Day?
    /// An 11-digit mobile number starting with 1; masked unless `personalDataVisible`.
    public var phone: String?
    /// The member's stage in the development pipeline (发展党员); changed only by a status change.
    public var status: MemberStatus
    /// The day the member applied to join (入党申请).
    public var appliedOn: Day?
    /// The day the organisation first talked with the applicant (谈话), which DEV asks for
    /// within a month of the application.
    public var talkedOn: Day?
    /// The day the member became an activist (入党积极分子).
    public var activistOn: Day?
    /// The day the member became a development candidate (发展对象).
    public var candidateOn: Day?
    /// The day the member was admitted as a probationary member (预备党员).
    public var admittedOn: Day?
    /// The day the member became a full member (正式党员, 转正).
    public var fullOn: Day?
    /// A retired member (离退休党员).
    public var retired: Bool
    /// A flowing member (流动党员), working away from the organisation that holds the relation.
    public var flowing: Bool
    /// Where a flowing member works now (流动党员去向).
    public var flowingTo: String?
    /// A lost-contact member (失联党员).
    public var lostContact: Bool
    /// The day contact was lost; setting it sets `lostContact`.
    public var lostContactSince: Day?
    /// A relation transfer that has been sent and not yet received.
    public var pendingTransferID: Int64?
    /// When the member was registered here; set by the registry.
    public internal(set) var createdAt: Date
    /// When the row last changed.
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
    /// The organisation to register the member in; required, and within the caller's subtree.
    public var organizationID: Int64?
    /// Required, at most 50 characters.
    public var name: String?
    /// "male" or "female"; read from the ID number when that is given, and must agree with it.
    public var gender: String?
    /// The 18-character resident ID; its checksum, birth date and uniqueness are checked.
    public var idNumber: String?
    /// 11 digits starting with 1.
    public var phone: String?
    /// A `MemberStatus` raw value; defaults to "applicant".
    public var status: String?
    /// "YYYY-MM-DD"; stage days must be in pipeline order, none in the future or past the stage reached.
    public var appliedOn: String?
    /// "YYYY-MM-DD", the first talk with the applicant (谈话).
    public var talkedOn: String?
    /// "YYYY-MM-DD".
    public var activistOn: String?
    /// "YYYY-MM-DD".
    public var candidateOn: String?
    /// "YYYY-MM-DD".
    public var admittedOn: String?
    /// "YYYY-MM-DD".
    public var fullOn: String?
    /// Defaults to false.
    public var retired: Bool?
    /// Defaults to false.
    public var flowing: Bool?
    /// Where a flowing member works now, at most 200 characters.
    public var flowingTo: String?
    /// Defaults to false; true when `lostContactSince` is given.
    public var lostContact: Bool?
    /// "YYYY-MM-DD"; implies `lostContact`.
    public var lostContactSince: String?

    /// A draft with every field optional; `MemberRegistry.validate(_:today:)` says what is missing.
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
    /// At most 50 characters.
    public var name: String?
    /// "male" or "female"; a new ID number sets it from the number.
    public var gender: String?
    /// A new resident ID; it sets the birth date and gender, and must not belong to another member.
    public var idNumber: String?
    /// 11 digits starting with 1.
    public var phone: String?
    /// Nil leaves it as it is.
    public var retired: Bool?
    /// False also clears `flowingTo`.
    public var flowing: Bool?
    /// Where a flowing member works now.
    public var flowingTo: String?
    /// False also clears `lostContactSince`.
    public var lostContact: Bool?
    /// "YYYY-MM-DD"; implies `lostContact`.
    public var lostContactSince: String?
    /// "YYYY-MM-DD"; "" clears it, so the one-month talk reminder speaks again.
    public var talkedOn: String?

    /// A patch that changes only the fields given (nil leaves a field as it is).
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

/// A move along the development pipeline, as a caller asks for it.
public struct StatusChange: Sendable, Codable {
    /// The target stage, a `MemberStatus` raw value; required.
    public var status: String?
    /// The day the new stage began; defaults to today.
    public var on: String?
    /// Why the stage changes; required, at most 500 characters.
    public var reason: String?

    /// A status change to `status`, on `on` ("YYYY-MM-DD", default today), for `reason`.
    public init(status: String?, on: String? = nil, reason: String?) {
        self.status = status
        self.on = on
        self.reason = reason
    }
}

/// One row of a member's stage history, as written by a status change.
public struct StatusChangeRecord: Sendable, Codable, Equatable {
    /// The history row's id.
    public let id: Int64
    /// The member whose stage changed.
    public let memberID: Int64
    /// The stage the member left.
    public let from: MemberStatus
    /// The stage the member reached.
    public let to: MemberStatus
    /// The day the new stage began.
    public let on: Day
    /// Why the stage changed.
    public let reason: String
    /// The user who made the change; nil when a system principal (an import, a job) made it.
    public let actorUserID: Int64?
    /// When the change was written.
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
