import Dangjian

/// Every error code this module answers with, declared once (issue 14, point 8). Clients and
/// scripts match on the raw value, so a code is never renamed; the OpenAPI document lists, for
/// each route, the codes of the catalogues its routes declare.
public enum DualLiaisonErrorCode: String, ErrorCodes {
    case alreadyAssigned = "liaison.alreadyAssigned"
    case alreadyReported = "liaison.alreadyReported"
    case assignmentNotFound = "liaison.assignment.notFound"
    case badPeriod = "liaison.badPeriod"
    case duplicateEntry = "liaison.duplicateEntry"
    case logEntryNotFound = "liaison.logEntry.notFound"
    case meetingOfAnotherSubCouncil = "liaison.meetingOfAnotherSubCouncil"
    case noSettings = "liaison.noSettings"
    case notACommunity = "liaison.notACommunity"
    case notALiaison = "liaison.notALiaison"
    case notAPartyMember = "liaison.notAPartyMember"
    case notInLeadership = "liaison.notInLeadership"
    case notInOffice = "liaison.notInOffice"
    case notReported = "liaison.notReported"
    case notStaffLiaison = "liaison.notStaffLiaison"
    case notTheMeetingDay = "liaison.notTheMeetingDay"
    case oneCommunity = "liaison.oneCommunity"
    case oneReporter = "liaison.oneReporter"
    case organizationArchived = "liaison.organizationArchived"
    case overQuota = "liaison.overQuota"
    case overlapsHistory = "liaison.overlapsHistory"
    case reportNotFound = "liaison.report.notFound"
    case sameOrganization = "liaison.sameOrganization"
    case samePerson = "liaison.samePerson"
    case serviceNotFound = "liaison.service.notFound"
    case settingsNotFound = "liaison.settings.notFound"
    case topicOfAnotherCommittee = "liaison.topicOfAnotherCommittee"
    case topicOfAnotherSubCouncil = "liaison.topicOfAnotherSubCouncil"
}
