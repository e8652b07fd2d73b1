import Dangjian

/// Every error code this module answers with, declared once (issue 14, point 8). Clients and
/// scripts match on the raw value, so a code is never renamed; the OpenAPI document lists, for
/// each route, the codes of the catalogues its routes declare.
public enum OrgLifeErrorCode: String, ErrorCodes {
    case attendanceExceedsMembership = "orglife.attendanceExceedsMembership"
    case badPeriod = "orglife.badPeriod"
    case duplicateAttendee = "orglife.duplicateAttendee"
    case duplicateRecord = "orglife.duplicateRecord"
    case noCommittee = "orglife.noCommittee"
    case notAMember = "orglife.notAMember"
    case notInSubtree = "orglife.notInSubtree"
    case organizationChanged = "orglife.organizationChanged"
    case planNotFound = "orglife.plan.notFound"
    case quarterNotEnded = "orglife.quarterNotEnded"
    case recordNotFound = "orglife.record.notFound"
    case rulesNotLoaded = "orglife.rulesNotLoaded"
}
