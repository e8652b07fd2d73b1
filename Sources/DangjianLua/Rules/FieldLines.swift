/// The line of each field of a declaration's table, read from the file's text. Lua keeps no
/// line for a table's fields once the table is built, so a problem with one field would
/// otherwise be reported at `reminder {` however far below the field is.
///
/// A small Lua tokenizer (strings, long strings, comments) walks the table constructor that
/// follows the declaring call: `name =` at the top of that table is field `name`, and inside a
/// nested table literal, `parent.name`. Function bodies are skipped whole. When the call is
/// not written as `reminder { … }` (a table built elsewhere), nothing is found and callers fall
/// back to the declaration's own line.
struct FieldLines {
    /// Dotted field path ("notify", "notify.to") → line, 1-based.
    let lines: [String: Int]

    init(lines: [String: Int]) { self.lines = lines }

    /// Where a problem with `path` is reported: the line of that field, else of the nearest
    /// enclosing field found, else `declaration` ("file:line" of the declaring call).
    func location(of path: String, in declaration: String) -> String {
        var path = Substring(path)
        while !path.isEmpty {
            if let line = lines[String(path)] {
                return declaration.split(separator: ":").dropLast().joined(separator: ":") + ":\(line)"
            }
            path = path.lastIndex(of: ".").map { path[..<$0] } ?? ""
        }
        return declaration
    }

    /// - Parameters:
    ///   - keyword: the declaring function's name, e.g. "reminder".
    ///   - line: the line of the declaring call.
    ///   - occurrence: which call with that name on the line (0 for the first).
    init(source: String, keyword: String, line: Int, occurrence: Int = 0) {
        let tokens = Self.tokens(source)
        var found: [String: Int] = [:]
        let calls = tokens.indices.filter {
            tokens[$0].line == line && tokens[$0].text == keyword && tokens[$0].kind == .name
        }
        if occurrence < calls.count {
            var index = calls[occurrence] + 1
            if index < tokens.count, tokens[index].text == "(" { index += 1 }
            if index < tokens.count, tokens[index].text == "{" { Self.walk(tokens, from: index, into: &found) }
        }
        lines = found
    }

    /// The table that opens at `start`, recording `name =` entries in it and in the table
    /// literals nested in it, until it closes.
    private static func walk(_ tokens: [Token], from start: Int, into found: inout [String: Int]) {
        // A table literal knows the path of its fields ("" for the declaration's own; nil for an
        // entry of a list, whose fields name no field of the declaration).
        enum Frame { case table(String?), bracket, block }
        var frames: [Frame] = []
        var valueOf: String?
        var index = start
        while index < tokens.count {
            let token = tokens[index]
            let field = valueOf
            valueOf = nil
            let inBlock = frames.contains { if case .block = $0 { true } else { false } }
            switch (token.kind, token.text) {
            case (.symbol, "{"):
                frames.append(.table(index == start ? "" : (inBlock ? nil : field)))
            case (.symbol, "("), (.symbol, "["):
                frames.append(.bracket)
            case (.symbol, "}"), (.symbol, ")"), (.symbol, "]"):
                if !frames.isEmpty { frames.removeLast() }
                if frames.isEmpty { return }
            case (.name, "function"), (.name, "if"), (.name, "do"), (.name, "repeat"):
                frames.append(.block)
            case (.name, "end"), (.name, "until"):
                if case .block? = frames.last { frames.removeLast() }
            case (.name, let name):
                // `name =` right after `{`, `,` or `;`, directly in a table literal: a field.
                if !inBlock, case .table(let prefix?)? = frames.last, ["{", ",", ";"].contains(tokens[index - 1].text),
                    index + 1 < tokens.count, tokens[index + 1].text == "="
                {
                    let path = prefix.isEmpty ? name : prefix + "." + name
                    if found[path] == nil { found[path] = token.line }
                    valueOf = path
                    index += 2
                    continue
                }
            default:
                break
            }
            index += 1
        }
    }

    struct Token {
        enum Kind { case name, symbol, literal }
        let kind: Kind
        let text: String
        let line: Int
    }

    /// Names, one- or two-character symbols and literals (strings and numbers as one token
    /// each), with comments dropped.
    static func tokens(_ source: String) -> [Token] {
        let chars = Array(source.unicodeScalars)
        var tokens: [Token] = []
        var line = 1
        var i = 0
        func peek(_ offset: Int) -> Unicode.Scalar? { i + offset < chars.count ? chars[i + offset] : nil }
        /// `[[`, `[=[`, …: the level of the long bracket opening at `i`, or nil.
        func longBracket() -> Int? {
            guard peek(0) == "[" else { return nil }
            var level = 0
            while peek(1 + level) == "=" { level += 1 }
            return peek(1 + level) == "[" ? level : nil
        }
        func skipLong(_ level: Int) {
            i += level + 2
            while i < chars.count {
                if chars[i] == "\n" { line += 1 }
                if chars[i] == "]" {
                    var equals = 0
                    while peek(1 + equals) == "=" { equals += 1 }
                    if equals == level, peek(1 + equals) == "]" { i += level + 2; return }
                }
                i += 1
            }
        }
        while i < chars.count {
            let c = chars[i]
            let startLine = line
            if c == "\n" { line += 1; i += 1; continue }
            if c.properties.isWhitespace { i += 1; continue }
            if c == "-", peek(1) == "-" {
                i += 2
                if let level = longBracket() { skipLong(level); continue }
                while i < chars.count, chars[i] != "\n" { i += 1 }
                continue
            }
            if let level = longBracket() {
                skipLong(level)
                tokens.append(Token(kind: .literal, text: "[[]]", line: startLine))
                continue
            }
            if c == "\"" || c == "'" {
                i += 1
                while i < chars.count, chars[i] != c {
                    if chars[i] == "\\", i + 1 < chars.count { i += 1 }
                    if chars[i] == "\n" { line += 1 }
                    i += 1
                }
                i += 1
                tokens.append(Token(kind: .literal, text: "\"\"", line: startLine))
                continue
            }
            if c == "_" || c.properties.isAlphabetic || ("0"..."9").contains(c) {
                let number = ("0"..."9").contains(c)
                var word = ""
                while i < chars.count,
                    chars[i] == "_" || chars[i].properties.isAlphabetic || ("0"..."9").contains(chars[i])
                        || (number && chars[i] == ".")
                {
                    word.unicodeScalars.append(chars[i])
                    i += 1
                }
                tokens.append(Token(kind: number ? .literal : .name, text: word, line: startLine))
                continue
            }
            // "==" must not read as "=", or `a == b` would look like a field.
            if let next = peek(1), ["==", "~=", "<=", ">=", "..", "::", "//"].contains(String(c) + String(next)) {
                tokens.append(Token(kind: .symbol, text: String(c) + String(next), line: startLine))
                i += 2
                continue
            }
            tokens.append(Token(kind: .symbol, text: String(c), line: startLine))
            i += 1
        }
        return tokens
    }
}
