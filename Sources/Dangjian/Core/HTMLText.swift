/// Text made safe for HTML: the one escape the email bodies and the console's server-drawn
/// charts share.
public enum HTMLText {
    /// `text` with HTML's special characters escaped, safe in element content and in a quoted attribute.
    public static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
