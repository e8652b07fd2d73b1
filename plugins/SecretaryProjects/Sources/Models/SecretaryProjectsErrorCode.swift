import Dangjian

/// Every error code this module answers with, declared once (issue 14, point 8). Clients and
/// scripts match on the raw value, so a code is never renamed; the OpenAPI document lists, for
/// each route, the codes of the catalogues its routes declare.
public enum SecretaryProjectsErrorCode: String, ErrorCodes {
    case alreadyRated = "secretary.alreadyRated"
    case alreadyScored = "secretary.alreadyScored"
    case backdated = "secretary.backdated"
    case badQuarter = "secretary.badQuarter"
    case bulletinPublished = "secretary.bulletinPublished"
    case dueOutsideYear = "secretary.dueOutsideYear"
    case duplicateProgramme = "secretary.duplicateProgramme"
    case duplicateProject = "secretary.duplicateProject"
    case itemNotScored = "secretary.itemNotScored"
    case lateStudy = "secretary.lateStudy"
    case memberOutside = "secretary.memberOutside"
    case noProject = "secretary.noProject"
    case noResponsiblePerson = "secretary.noResponsiblePerson"
    case noRubric = "secretary.noRubric"
    case noSecretary = "secretary.noSecretary"
    case notInGroup = "secretary.notInGroup"
    case notScored = "secretary.notScored"
    case officeOutside = "secretary.officeOutside"
    case oneDirector = "secretary.oneDirector"
    case oneLeader = "secretary.oneLeader"
    case outsideProgramme = "secretary.outsideProgramme"
    case ownUnit = "secretary.ownUnit"
    case programmeNotFound = "secretary.programme.notFound"
    case projectNotFound = "secretary.project.notFound"
    case quarterNotEnded = "secretary.quarterNotEnded"
    case quarterOutsideProgramme = "secretary.quarterOutsideProgramme"
    case reportNotFound = "secretary.report.notFound"
    case reportSubmitted = "secretary.reportSubmitted"
    case rubricChanged = "secretary.rubricChanged"
    case rulesNotLoaded = "secretary.rulesNotLoaded"
    case scoreOutOfRange = "secretary.scoreOutOfRange"
    case studyNotFound = "secretary.study.notFound"
}
