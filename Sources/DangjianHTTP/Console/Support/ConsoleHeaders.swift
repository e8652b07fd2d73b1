import HTTPTypes
import Hummingbird

/// The headers every console answer carries. The policy allows only the host's own script and
/// stylesheet, so an injected `<script>` would not run even if escaping ever failed; SVG charts
/// are inline markup, which the policy allows, and carry no script.
enum ConsoleHeaders {
    static let policy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    static func secure(_ response: Response) -> Response {
        var response = response
        response.headers[.contentSecurityPolicy] = policy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        // Pages show personal data: no shared cache keeps them.
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}
