import Dangjian
import Foundation
import HTTPTypes
import Hummingbird
import Logging

extension Console {
    /// The error page: the registries' Chinese message, the status the API would answer (404
    /// across subtrees, exactly as the API), and a way back. Unexpected errors are logged
    /// without the request's body and shown as a 500 without details.
    func errorPage(_ error: any Error, request: Request) -> Response {
        let refusal: APIError
        switch error {
        case let error as DangjianError:
            refusal = APIError(error)
        case let error as APIError:
            refusal = error
        case is UniqueViolation:
            refusal = APIError(
                status: .conflict, code: HTTPErrorCode.storageDuplicate, zh: "数据重复，请刷新后重试", en: "Duplicate data")
        case let error as any HTTPResponseError where error.status == .contentTooLarge:
            refusal = APIError(
                status: .contentTooLarge, code: HTTPErrorCode.requestTooLarge, zh: "提交的内容过大", en: "Too large")
        default:
            host.logger.error("console page failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            refusal = APIError(
                status: .internalServerError, code: HTTPErrorCode.internal, zh: "服务器内部错误，已记录，请稍后再试",
                en: "Internal error")
        }
        if refusal.status == .unauthorized {
            return Self.redirect("/login")
        }
        let page = ErrorPage(
            status: Int(refusal.status.code), message: refusal.body.error.messageZh, code: refusal.body.error.code,
            field: refusal.body.error.field.map(ConsoleWords.field))
        let html = (try? templates.render("error", page)) ?? "<!doctype html><title>错误</title><p>\(page.status)</p>"
        return Self.html(html, status: refusal.status)
    }
}

/// What the error page shows. Every field is stored: templates read a value's stored
/// properties only (Mirror), never computed ones.
struct ErrorPage {
    let status: Int
    let message: String
    let code: String
    let field: String?
    let title: String

    init(status: Int, message: String, code: String, field: String?) {
        self.status = status
        self.message = message
        self.code = code
        self.field = field
        title = Self.title(of: status)
    }

    static func title(of status: Int) -> String {
        switch status {
        case 404: "未找到"
        case 403: "无权操作"
        case 400, 409: "无法保存"
        case 429: "请稍后再试"
        default: "出错了"
        }
    }
}
