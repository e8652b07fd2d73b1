import Dangjian
import Testing

/// Expects `body` to throw a `DangjianError` with `code` (and `field`, when given), and returns it.
@discardableResult
public func expectRefusal(
    _ code: String, field: String? = nil, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> Void
) async -> DangjianError? {
    do {
        try await body()
    } catch let error as DangjianError {
        #expect(error.code == code, "expected \(code), got \(error.code): \(error.en)", sourceLocation: sourceLocation)
        if let field {
            #expect(
                error.field == field, "\(error.code): field \(error.field ?? "nil")", sourceLocation: sourceLocation)
        }
        #expect(!error.zh.isEmpty && !error.en.isEmpty, sourceLocation: sourceLocation)
        return error
    } catch {
        Issue.record("expected DangjianError \(code), got \(error)", sourceLocation: sourceLocation)
        return nil
    }
    Issue.record("expected \(code), nothing was thrown", sourceLocation: sourceLocation)
    return nil
}
