import Dangjian

/// Every error code this module answers with, declared once (issue 14, point 8). Clients and
/// scripts match on the raw value, so a code is never renamed; the OpenAPI document lists, for
/// each route, the codes of the catalogues its routes declare.
public enum RegionalCouncilErrorCode: String, ErrorCodes {
    case advisorRequired = "council.advisorRequired"
    case backdated = "council.backdated"
    case badPeriod = "council.badPeriod"
    case callNotFound = "council.call.notFound"
    case callClosed = "council.callClosed"
    case committeeNotFound = "council.committee.notFound"
    case councilNotFound = "council.council.notFound"
    case duplicateCall = "council.duplicateCall"
    case duplicateMeeting = "council.duplicateMeeting"
    case duplicateName = "council.duplicateName"
    case duplicateTopic = "council.duplicateTopic"
    case groupNotAUnit = "council.groupNotAUnit"
    case leadNotInUnits = "council.leadNotInUnits"
    case leadNotPartyMember = "council.leadNotPartyMember"
    case meetingNotFound = "council.meeting.notFound"
    case milestoneOutsideCommittee = "council.milestoneOutsideCommittee"
    case notAUnit = "council.notAUnit"
    case partnerByCommittee = "council.partnerByCommittee"
    case projectNotFound = "council.project.notFound"
    case reviewBeforeApproval = "council.reviewBeforeApproval"
    case reviewNotSubmitted = "council.reviewNotSubmitted"
    case reviewSubmitted = "council.reviewSubmitted"
    case stageSkipped = "council.stageSkipped"
    case subCouncilNotFound = "council.subCouncil.notFound"
    case topicNotFound = "council.topic.notFound"
    case topicClosed = "council.topicClosed"
    case unitArchived = "council.unitArchived"
    case unitInOtherSubCouncil = "council.unitInOtherSubCouncil"
}
