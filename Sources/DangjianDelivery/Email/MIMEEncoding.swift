import Foundation

/// The encodings a message needs to carry Chinese through SMTP's 7-bit, 78-column world.
public enum MIMEEncoding {
    /// The longest line a header or body line gets: RFC 2047 §2 allows 76 for lines with
    /// encoded-words, under RFC 5322's 78.
    public static let lineLimit = 76
    /// The longest encoded-word RFC 2047 §2 allows.
    public static let wordLimit = 75
    private static let wordOverhead = "=?UTF-8?B?".count + "?=".count

    /// `text` as RFC 2047 encoded-words (`=?UTF-8?B?…?=`), each of whole characters: a word ends
    /// before a character that would not fit, so no UTF-8 sequence is split across two words.
    /// The first word is at most `firstLimit` long (what is left after the header's name).
    public static func encodedWords(_ text: String, firstLimit: Int = wordLimit) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        func budget() -> Int { ((words.isEmpty ? firstLimit : wordLimit) - wordOverhead) / 4 * 3 }
        func flush() {
            guard !chunk.isEmpty else { return }
            words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=")
            chunk = []
        }
        for character in text {
            // A grapheme longer than a word (a long emoji sequence) is split between its scalars,
            // each still whole.
            let pieces =
                character.utf8.count <= budget() ? [String(character)] : character.unicodeScalars.map(String.init)
            for piece in pieces {
                if chunk.count + piece.utf8.count > budget() { flush() }
                chunk += Array(piece.utf8)
            }
        }
        flush()
        return words.isEmpty ? ["=?UTF-8?B??="] : words
    }

    /// Whether `text` may stand in a header as it is: printable ASCII, no "=?" that a reader
    /// would take for an encoded-word, no leading or trailing space.
    static func isPlainHeaderText(_ text: String) -> Bool {
        text.utf8.allSatisfy { (0x20...0x7e).contains($0) } && !text.contains("=?") && text.first != " "
            && text.last != " "
    }

    /// One header field, folded (RFC 5322 §2.2.3): `name: value` as it is when it is plain and
    /// fits, otherwise as encoded-words, one per line. `trailer` (an address) follows on the
    /// last line when it fits there, on a line of its own otherwise.
    public static func header(_ name: String, _ value: String, trailer: String? = nil) -> String {
        let prefix = "\(name): "
        var lines: [String]
        if isPlainHeaderText(value) && prefix.count + value.count <= lineLimit {
            lines = [prefix + value]
        } else {
            let words = encodedWords(value, firstLimit: min(wordLimit, lineLimit - prefix.count))
            lines = [prefix + words[0]] + words.dropFirst().map { " " + $0 }
        }
        if let trailer {
            if lines[lines.count - 1].count + 1 + trailer.count <= lineLimit {
                lines[lines.count - 1] += " " + trailer
            } else {
                lines.append(" " + trailer)
            }
        }
        return lines.joined(separator: "\r\n")
    }

    /// `bytes` in Base64, broken into lines of 76 characters (RFC 2045 §6.8), CRLF-separated.
    public static func base64Lines(_ bytes: some Sequence<UInt8>) -> String {
        let encoded = Data(bytes).base64EncodedString()
        var lines: [Substring] = []
        var start = encoded.startIndex
        while start < encoded.endIndex {
            let end = encoded.index(start, offsetBy: lineLimit, limitedBy: encoded.endIndex) ?? encoded.endIndex
            lines.append(encoded[start..<end])
            start = end
        }
        return lines.joined(separator: "\r\n")
    }

    /// An RFC 5322 §3.3 date in China Standard Time, e.g. "Tue, 08 Dec 2026 07:06:56 +0800".
    /// Written by hand: the names must be English whatever the machine's locale.
    public static func date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 8 * 3600)!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int?) -> String { value.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        return "\(days[(parts.weekday ?? 1) - 1]), \(two(parts.day)) \(months[(parts.month ?? 1) - 1]) "
            + "\(parts.year ?? 1970) \(two(parts.hour)):\(two(parts.minute)):\(two(parts.second)) +0800"
    }
}
