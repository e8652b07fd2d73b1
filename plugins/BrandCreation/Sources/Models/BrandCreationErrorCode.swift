import Dangjian

/// Every error code this module answers with, declared once (issue 14, point 8). Clients and
/// scripts match on the raw value, so a code is never renamed; the OpenAPI document lists, for
/// each route, the codes of the catalogues its routes declare.
public enum BrandCreationErrorCode: String, ErrorCodes {
    case adoptionNotFound = "brand.adoption.notFound"
    case alreadyAdopted = "brand.alreadyAdopted"
    case alreadyPublished = "brand.alreadyPublished"
    case brandNotFound = "brand.brand.notFound"
    case checklistGaps = "brand.checklistGaps"
    case conflictOfInterest = "brand.conflictOfInterest"
    case duplicateRound = "brand.duplicateRound"
    case noParent = "brand.noParent"
    case noRubric = "brand.noRubric"
    case notAnEntry = "brand.notAnEntry"
    case notAnEvaluator = "brand.notAnEvaluator"
    case notEligible = "brand.notEligible"
    case notPromoted = "brand.notPromoted"
    case ownPractice = "brand.ownPractice"
    case revisionAfterAssessment = "brand.revisionAfterAssessment"
    case roundNotFound = "brand.round.notFound"
    case rubricFailed = "brand.rubricFailed"
    case rubricItemMissing = "brand.rubricItemMissing"
    case rulesNotLoaded = "brand.rulesNotLoaded"
    case scoreOutOfRange = "brand.scoreOutOfRange"
    case scoringClosed = "brand.scoringClosed"
    case scoringOpen = "brand.scoringOpen"
    case sheetExists = "brand.sheetExists"
    case stageSkipped = "brand.stageSkipped"
    case tierMismatch = "brand.tierMismatch"
    case unitArchived = "brand.unitArchived"
    case unitHasBrand = "brand.unitHasBrand"
    case unknownRubricItem = "brand.unknownRubricItem"
}
