/// The transparency procedure of RFC 5321 §4.5.2: every line that starts with "." gets another,
/// bare LFs and CRs become CRLF, and the message ends with CRLF "." CRLF.
enum DotStuffing {
    /// `data` as it goes on the wire after DATA's 354.
    static func stuffed(_ data: [UInt8]) -> [UInt8] {
        let cr = UInt8(ascii: "\r")
        let lf = UInt8(ascii: "\n")
        let dot = UInt8(ascii: ".")
        var out: [UInt8] = []
        out.reserveCapacity(data.count + data.count / 64 + 5)
        var atLineStart = true
        var index = data.startIndex
        while index < data.endIndex {
            let byte = data[index]
            index += 1
            if byte == cr || byte == lf {
                if byte == cr, index < data.endIndex, data[index] == lf { index += 1 }
                out += [cr, lf]
                atLineStart = true
                continue
            }
            if atLineStart && byte == dot { out.append(dot) }
            out.append(byte)
            atLineStart = false
        }
        if !atLineStart { out += [cr, lf] }
        return out + [dot, cr, lf]
    }
}
