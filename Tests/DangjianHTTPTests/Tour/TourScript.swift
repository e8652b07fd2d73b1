import Foundation

/// The README's tour, read from its `sh` blocks: each command with the status its comment
/// promises. The test runs these very commands, so the README and the host cannot drift apart.
struct TourScript {
    struct Command {
        /// The command as bash runs it, without its trailing comment.
        let text: String
        /// README.md's line where the command ends, for the failure message.
        let line: Int
        /// The refusal the comment names ("# 409 brand.unitHasBrand"); nil means any 2xx.
        let status: Int?
        let code: String?
    }

    let commands: [Command]

    /// The `sh` blocks between `## A short tour with curl` and the next `## ` heading.
    init(readme: String, section: String = "## A short tour with curl") throws {
        let lines = readme.components(separatedBy: "\n")
        guard let start = lines.firstIndex(of: section) else { throw TourError("README.md has no \(section)") }
        let end = lines[(start + 1)...].firstIndex { $0.hasPrefix("## ") } ?? lines.count
        var commands: [Command] = []
        var inBlock = false
        var pending: [String] = []
        for index in (start + 1)..<end {
            let line = lines[index]
            if line.hasPrefix("```") {
                inBlock = line == "```sh" && !inBlock ? true : false
                continue
            }
            guard inBlock else { continue }
            if pending.isEmpty
                && (line.trimmingCharacters(in: .whitespaces).hasPrefix("#")
                    || line.trimmingCharacters(in: .whitespaces).isEmpty)
            {
                continue
            }
            pending.append(line)
            let joined = pending.joined(separator: "\n")
            let (code, comment) = Self.splitComment(joined)
            // A command goes on while a quote is open or the line ends in a backslash.
            if Self.hasOpenQuote(code) || code.hasSuffix("\\") { continue }
            let refusal = comment.flatMap(Self.refusal)
            commands.append(Command(text: code, line: index + 1, status: refusal?.status, code: refusal?.code))
            pending = []
        }
        guard pending.isEmpty else {
            throw TourError("an unfinished command before line \(end): \(pending.joined(separator: " "))")
        }
        self.commands = commands
    }

    /// Splits a trailing `# comment` off, where `#` starts a word outside quotes.
    static func splitComment(_ text: String) -> (code: String, comment: String?) {
        var single = false, double = false
        var previous: Character = " "
        for index in text.indices {
            let c = text[index]
            if c == "'" && !double {
                single.toggle()
            } else if c == "\"" && !single && previous != "\\" {
                double.toggle()
            } else if c == "#" && !single && !double && previous.isWhitespace {
                return (
                    String(text[..<index]).trimmingCharacters(in: .whitespaces),
                    String(text[text.index(after: index)...])
                )
            }
            previous = c
        }
        return (text.trimmingCharacters(in: .whitespaces), nil)
    }

    static func hasOpenQuote(_ text: String) -> Bool {
        var single = false, double = false
        var previous: Character = " "
        for c in text {
            if c == "'" && !double {
                single.toggle()
            } else if c == "\"" && !single && previous != "\\" {
                double.toggle()
            }
            previous = c
        }
        return single || double
    }

    /// "404 member.notFound: …" or "409 liaison.overQuota" at the start of a comment.
    static func refusal(_ comment: String) -> (status: Int, code: String?)? {
        let words = comment.split(whereSeparator: { $0 == " " || $0 == ":" || $0 == "," })
        guard let first = words.first, let status = Int(first), (400...599).contains(status) else { return nil }
        let code = words.dropFirst().first.map(String.init).flatMap { $0.contains(".") ? $0 : nil }
        return (status, code)
    }
}

struct TourError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
