/// Faults of the storage layer itself; these are bugs or broken databases, never user input,
/// so the HTTP layer answers them with 500 and logs them.
public struct StorageError: Error, CustomStringConvertible, Sendable {
    /// What failed, for the log; never shown to callers.
    public let description: String

    static func decoding(column: String, expected: String, found: SQLValue) -> StorageError {
        StorageError(description: "column \(column): expected \(expected), found \(found)")
    }

    static func noRowReturned(_ sql: String) -> StorageError {
        StorageError(description: "statement returned no row: \(sql.prefix(120))")
    }

    static func readFailed(_ reason: String) -> StorageError {
        StorageError(description: "read failed: \(reason)")
    }

    static func migration(_ module: String, _ version: Int, _ reason: String) -> StorageError {
        StorageError(description: "migration \(module)#\(version) failed: \(reason)")
    }
}

/// A foreign key pointed at a row that does not exist. Registries check references first;
/// this is the safety net that keeps a missed check from becoming a 500.
public struct ReferenceViolation: Error, Sendable {
    /// The driver's message, for the log.
    public let message: String
    /// A violation with the driver's `message`.
    public init(message: String) { self.message = message }
}

/// A unique constraint failed. Drivers translate their own error into this, so registries
/// can turn it into a clear conflict for the caller.
public struct UniqueViolation: Error, Sendable {
    /// The driver's message, for the log; it may name the index.
    public let message: String
    /// A violation with the driver's `message`.
    public init(message: String) { self.message = message }
}

extension UniqueViolation {
    /// Runs a write whose duplicates a UNIQUE index refuses (even between racing writers) and
    /// turns the violation, which surfaces when the write fails, into `refusal`.
    public static func refused<T>(as refusal: DangjianError, _ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch is UniqueViolation { throw refusal }
    }
}
