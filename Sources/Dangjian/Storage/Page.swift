import Foundation

/// A page request from a list endpoint: a limit and an opaque cursor from the previous page.
public struct PageRequest: Sendable, Equatable {
    /// The page size when the request gives none.
    public static let defaultLimit = 50
    /// The largest page size a request may ask for.
    public static let maxLimit = 500

    /// How many items the page holds at most, 1…`maxLimit`.
    public let limit: Int
    /// The `nextCursor` of the previous page, as the client sent it back; nil for the first page.
    public let cursor: String?

    /// Checks the limit (1 to `maxLimit`, `defaultLimit` when absent); an empty cursor is the first page.
    public init(limit: Int? = nil, cursor: String? = nil) throws {
        let limit = limit ?? Self.defaultLimit
        guard (1...Self.maxLimit).contains(limit) else {
            throw DangjianError.badValue(
                "limit", zh: "应在 1 到 \(Self.maxLimit) 之间", en: "must be between 1 and \(Self.maxLimit)")
        }
        self.limit = limit
        self.cursor = cursor?.isEmpty == true ? nil : cursor
    }

    /// The first page at the default size.
    public static let first = try! PageRequest()

    /// The cursor the client sent back, or nil for the first page; anything else is a 400.
    public func decodedCursor() throws -> Cursor? {
        guard let cursor else { return nil }
        guard let value = Cursor(encoded: cursor) else {
            throw DangjianError.badValue("cursor", zh: "分页游标无效", en: "is not a valid cursor")
        }
        return value
    }

    func cursorID() throws -> Int64? {
        switch try decodedCursor() {
        case nil: return nil
        case .id(let id): return id
        case .key(_, let id): return id
        }
    }
}

/// Where the previous page stopped: the last row's id, and its sort value when sorted by a column.
public enum Cursor: Sendable, Equatable {
    case id(Int64)
    case key(String, Int64)

    /// Reads a cursor as `encoded` wrote it (URL-safe base64); nil for anything else.
    public init?(encoded: String) {
        var base64 = encoded.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8) else { return nil }
        let parts = text.split(separator: "\u{1F}", omittingEmptySubsequences: false)
        if parts.count == 1, let id = Int64(parts[0]) {
            self = .id(id)
        } else if parts.count == 2, let id = Int64(parts[1]) {
            self = .key(String(parts[0]), id)
        } else {
            return nil
        }
    }

    /// The cursor as the opaque, URL-safe text a client sends back.
    public var encoded: String {
        let text =
            switch self {
            case .id(let id): "\(id)"
            case .key(let key, let id): "\(key)\u{1F}\(id)"
            }
        return Data(text.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

/// One page of a list and the cursor of the next, nil on the last page.
public struct Page<Item: Sendable>: Sendable {
    /// The page's items, at most the request's limit.
    public let items: [Item]
    /// The cursor for the next page; nil on the last page.
    public let nextCursor: String?

    /// A page made of items already cut to the limit.
    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }

    /// Builds a page from `limit + 1` fetched rows: the extra row only says another page exists.
    /// Public for plugins, whose lists page the same way.
    public init(rows: [SQLRow], limit: Int, decode: (SQLRow) throws -> Item, cursor: (Item) -> Cursor) throws {
        let items = try rows.prefix(limit).map(decode)
        self.items = items
        self.nextCursor = rows.count > limit ? items.last.map { cursor($0).encoded } : nil
    }

    /// The same page with each item transformed, e.g. masked for the caller.
    public func map<T: Sendable>(_ transform: (Item) throws -> T) rethrows -> Page<T> {
        Page<T>(items: try items.map(transform), nextCursor: nextCursor)
    }
}

/// A sort over one text column with `id` as the tie-breaker, so keyset paging stays stable.
public struct SortOrder: Sendable, Equatable {
    /// The sort field the client named, e.g. "name" (without the "-").
    public let field: String
    /// The SQL column it sorts on, e.g. "m.name".
    public let column: String
    /// Whether the client asked for descending order ("-name").
    public let descending: Bool

    /// A user who sorts by name looks for 张 after 李, as in a roster: `name` is sorted in pinyin
    /// order through this collation, which every SQLite connection registers.
    static let pinyinCollation = "pinyin"

    /// The column as the ORDER BY and the keyset condition compare it.
    var sortedColumn: String { field == "name" ? "\(column) COLLATE \(Self.pinyinCollation)" : column }

    /// Parses `name` or `-name` against the fields a list allows (field name → column).
    public init(_ text: String?, allowed: KeyValuePairs<String, String>, default defaultField: String) throws {
        let text = text ?? defaultField
        let descending = text.hasPrefix("-")
        let field = descending ? String(text.dropFirst()) : text
        guard let column = allowed.first(where: { $0.key == field })?.value else {
            let names = allowed.map(\.key).joined(separator: ", ")
            throw DangjianError.badValue("sort", zh: "可排序字段为 \(names)", en: "sortable fields are \(names)")
        }
        self.field = field
        self.column = column
        self.descending = descending
    }

    /// Appends the condition after the cursor, the order and the limit to a list query. One row
    /// more than the page is fetched: its presence says another page exists.
    public func appendPage(
        to sql: inout String, _ arguments: inout [SQLValue], cursor: Cursor?, limit: Int, idColumn: String
    ) {
        let keyset = clauses(after: cursor, idColumn: idColumn)
        if let condition = keyset.condition {
            sql += " AND \(condition)"
            arguments += keyset.arguments
        }
        sql += " \(keyset.orderBy) LIMIT ?"
        arguments.append(.integer(Int64(limit + 1)))
    }

    /// The condition after the cursor and the ORDER BY clause, given the table alias prefix.
    func clauses(after cursor: Cursor?, idColumn: String) -> (
        condition: String?, arguments: [SQLValue], orderBy: String
    ) {
        let direction = descending ? "DESC" : "ASC"
        let op = descending ? "<" : ">"
        if column == idColumn {
            let orderBy = "ORDER BY \(idColumn) \(direction)"
            switch cursor {
            case .id(let id), .key(_, let id): return ("\(idColumn) \(op) ?", [.integer(id)], orderBy)
            case nil: return (nil, [], orderBy)
            }
        }
        let column = sortedColumn
        let orderBy = "ORDER BY \(column) \(direction), \(idColumn) \(direction)"
        switch cursor {
        case .key(let key, let id):
            return (
                "(\(column) \(op) ? OR (\(column) = ? AND \(idColumn) \(op) ?))",
                [.text(key), .text(key), .integer(id)], orderBy
            )
        case .id(let id):
            return ("\(idColumn) \(op) ?", [.integer(id)], orderBy)
        case nil:
            return (nil, [], orderBy)
        }
    }
}
