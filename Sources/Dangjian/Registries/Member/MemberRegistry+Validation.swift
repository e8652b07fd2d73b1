import Foundation

extension MemberRegistry {
    /// Checks a draft without touching the database, so the API and the CSV import share one
    /// set of rules. What needs the database (the organisation, duplicates) is checked on insert.
    public static func validate(_ draft: MemberDraft, today: Day) throws -> Member {
        guard let organizationID = draft.organizationID else { throw DangjianError.required("organizationID") }
        let name = try Validate.text(draft.name, field: "name", max: 50)
        var gender: Member.Gender? = try draft.gender.map { try Validate.enumValue($0, field: "gender") }
        let status: MemberStatus =
            draft.status == nil ? .applicant : try Validate.enumValue(draft.status, field: "status")
        var birthDate: Day?
        var idNumber: String?
        if let text = try Validate.optionalText(draft.idNumber, field: "idNumber", max: 18) {
            let id = try parseResidentID(text, today: today)
            idNumber = id.value
            birthDate = id.birthDate
            let implied: Member.Gender = id.isMale ? .male : .female
            if let gender, gender != implied {
                throw DangjianError.invalid(
                    KernelErrorCode.memberGenderMismatch, field: "gender",
                    zh: "性别与身份证号不符", en: "Gender does not match the ID number")
            }
            gender = implied
        }
        let phone = try Validate.optionalText(draft.phone, field: "phone", max: 11)
        try checkPhone(phone)
        var member = Member(
            id: 0, organizationID: organizationID, name: name, gender: gender, idNumber: idNumber,
            birthDate: birthDate, phone: phone, status: status,
            appliedOn: try Validate.day(draft.appliedOn, field: "appliedOn"),
            talkedOn: try Validate.day(draft.talkedOn, field: "talkedOn"),
            activistOn: try Validate.day(draft.activistOn, field: "activistOn"),
            candidateOn: try Validate.day(draft.candidateOn, field: "candidateOn"),
            admittedOn: try Validate.day(draft.admittedOn, field: "admittedOn"),
            fullOn: try Validate.day(draft.fullOn, field: "fullOn"),
            retired: draft.retired ?? false, flowing: draft.flowing ?? false,
            flowingTo: try Validate.optionalText(draft.flowingTo, field: "flowingTo", max: 200),
            lostContact: draft.lostContact ?? false,
            lostContactSince: try Validate.day(draft.lostContactSince, field: "lostContactSince"),
            pendingTransferID: nil, createdAt: .distantPast, updatedAt: .distantPast, personalDataVisible: true)
        try checkStages(member, today: today)
        if member.lostContactSince != nil { member.lostContact = true }
        return member
    }

    static func checkPhone(_ phone: String?) throws {
        if let phone, !PhoneNumber.isValid(phone) {
            throw DangjianError.invalid(
                KernelErrorCode.memberBadPhone, field: "phone",
                zh: "手机号应为以 1 开头的 11 位数字", en: "Phone must be 11 digits starting with 1")
        }
    }

    static func parseResidentID(_ text: String, today: Day) throws -> ResidentID {
        switch ResidentID.parse(text, today: today) {
        case .success(let id): return id
        case .failure(let problem):
            let (zh, en) =
                switch problem {
                case .length: ("身份证号应为 18 位", "must have 18 characters")
                case .characters: ("身份证号应为 17 位数字加一位数字或 X", "must be 17 digits and a digit or X")
                case .birthDate: ("身份证号中的出生日期无效", "contains an invalid birth date")
                case .checkDigit: ("身份证号校验码错误", "has a wrong check digit")
                }
            throw DangjianError.invalid(
                KernelErrorCode.memberBadIDNumber, field: "idNumber", zh: zh, en: "ID number \(en)")
        }
    }

    /// Stage dates: none in the future, none after the stage the member has reached, in order,
    /// the current stage dated, and an applicant at least 18 (DEV 2014, RULES.md 1).
    static func checkStages(_ member: Member, today: Day) throws {
        for (field, day) in member.stageDates { try Validate.notFuture(day, field: field, today: today) }
        try Validate.notFuture(member.lostContactSince, field: "lostContactSince", today: today)
        try Validate.notFuture(member.talkedOn, field: "talkedOn", today: today)
        if let talked = member.talkedOn, let applied = member.appliedOn, talked < applied {
            throw DangjianError.invalid(
                KernelErrorCode.memberTalkBeforeApplication, field: "talkedOn",
                zh: "谈话日期不能早于申请入党日期", en: "The talk cannot be before the application")
        }
        let reached = MemberStatus.allCases.firstIndex(of: member.status)!
        for status in MemberStatus.allCases[(reached + 1)...] where member.date(of: status) != nil {
            throw DangjianError.invalid(
                KernelErrorCode.memberStageNotReached, field: status.dateField,
                zh: "\(member.status.zh)不应有\(status.zh)日期",
                en: "A \(member.status.rawValue) cannot have \(status.dateField)")
        }
        if member.status != .applicant, member.date(of: member.status) == nil {
            throw DangjianError.required(member.status.dateField)
        }
        try Validate.order(member.stageDates)
        if let birth = member.birthDate, let applied = member.appliedOn, birth.wholeYears(until: applied) < 18 {
            throw DangjianError.invalid(
                KernelErrorCode.memberUnderAge, field: "appliedOn",
                zh: "申请入党时须年满十八周岁", en: "An applicant must be at least 18 on the day of application")
        }
    }

    static func checkHoldingOrganization(_ id: Int64, in s: any SQLSession, actor: Principal) throws -> Organization {
        let path = try OrganizationRegistry.path(of: id, in: s, scope: actor.scope(for: .readOrganizations))
        try actor.require(.writeMembers, over: path)
        let organization = try OrganizationRegistry.load(id, in: s)!
        guard !organization.isArchived else { throw OrganizationRegistry.archived }
        guard organization.kind != .group else {
            throw DangjianError.invalid(
                KernelErrorCode.memberHeldByGroup, field: "organizationID",
                zh: "党员的组织关系应在党支部或以上组织，不能在党小组",
                en: "A member's relation is held by a branch or above, not a party group")
        }
        return organization
    }

    static let duplicateIDNumber = DangjianError.conflict(
        KernelErrorCode.memberDuplicateIDNumber, field: "idNumber",
        zh: "该身份证号已登记", en: "This ID number is already registered")
}
