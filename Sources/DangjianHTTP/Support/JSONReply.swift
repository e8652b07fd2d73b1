import Dangjian
import Hummingbird

/// Any Encodable value as a JSON response with a chosen status.
public struct JSONReply<Value: Encodable & Sendable>: ResponseGenerator {
    /// The value sent as the body, encoded with the context's encoder (sorted keys).
    public let value: Value
    /// The HTTP status; 200 unless the route says otherwise.
    public let status: HTTPResponse.Status

    /// `value` as JSON with `status` (201 for a creation).
    public init(_ value: Value, status: HTTPResponse.Status = .ok) {
        self.value = value
        self.status = status
    }

    /// The JSON body with `status`. Throws what the encoder throws.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try context.responseEncoder.encode(value, from: request, context: context)
        response.status = status
        return response
    }
}

/// A page of a list, as every list endpoint returns it.
public struct PageBody<Item: Encodable & Sendable>: Encodable, Sendable {
    /// The page's items.
    public let items: [Item]
    /// The cursor for the next page; null on the last page.
    public let nextCursor: String?
}

extension JSONReply {
    /// A page as `{"items": […], "nextCursor": …}`.
    public init<Item>(page: Page<Item>) where Value == PageBody<Item> {
        self.init(PageBody(items: page.items, nextCursor: page.nextCursor))
    }
}
