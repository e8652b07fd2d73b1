import Dangjian

/// Every error code this module answers with, declared once (issue 14, point 8). Clients and
/// scripts match on the raw value, so a code is never renamed; the OpenAPI document lists, for
/// each route, the codes of the catalogues its routes declare.
public enum HTTPErrorCode: String, ErrorCodes {
    case authBadToken = "auth.badToken"
    case authTooManyAttempts = "auth.tooManyAttempts"
    case consoleBadCSRF = "console.badCSRF"
    case errorUndeclared = "error.undeclared"
    case `internal` = "internal"
    case requestBadValue = "request.badValue"
    case requestMalformedJSON = "request.malformedJSON"
    case requestTooLarge = "request.tooLarge"
    case requestUnknownField = "request.unknownField"
    case requestUnknownParameter = "request.unknownParameter"
    case requestWrongType = "request.wrongType"
    case routeMethodNotAllowed = "route.methodNotAllowed"
    case rulesOff = "rules.off"
    case rulesReloadRefused = "rules.reloadRefused"
    case storageBadReference = "storage.badReference"
    case storageDuplicate = "storage.duplicate"
}
