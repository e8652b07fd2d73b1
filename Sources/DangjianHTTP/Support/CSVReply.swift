import Hummingbird

/// A CSV download, UTF-8 with a byte-order mark so that Excel on a secretary's PC shows the
/// Chinese text correctly.
public struct CSVReply: ResponseGenerator {
    /// The CSV text, without the byte-order mark (the reply adds it).
    public let text: String
    /// The name the browser saves the download under.
    public let filename: String

    /// CSV text downloaded as `filename`.
    public init(_ text: String, filename: String) {
        self.text = text
        self.filename = filename
    }

    /// The CSV body, with its content type and an attachment disposition naming `filename`.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"\(filename)\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: "\u{FEFF}" + text)))
    }
}
