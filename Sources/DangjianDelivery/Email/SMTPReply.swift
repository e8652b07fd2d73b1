import NIOCore

/// One SMTP reply (RFC 5321 §4.2): a three-digit code and its text lines. A multi-line reply
/// has "250-" on every line but the last, which has "250 ".
public struct SMTPReply: Sendable, Equatable, CustomStringConvertible {
    /// The reply code, 200–599.
    public var code: Int
    /// The text after the code on each line, in order.
    public var lines: [String]

    /// A reply with `code` and its text `lines`.
    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    /// 2xx: the command succeeded.
    public var isPositive: Bool { (200..<300).contains(code) }
    /// 4xx: try again later.
    public var isTransient: Bool { (400..<500).contains(code) }
    /// 5xx: never worth another try.
    public var isPermanent: Bool { (500..<600).contains(code) }

    /// The reply as the server sent it, lines joined by " | ", e.g. "550 5.1.1 no such user".
    public var description: String {
        lines.map { $0.isEmpty ? "\(code)" : "\(code) \($0)" }.joined(separator: " | ")
    }

    /// The EHLO keywords, upper-cased with their parameters: "AUTH PLAIN LOGIN", "STARTTLS", ….
    var extensions: [String] { lines.dropFirst().map { $0.uppercased() } }

    /// The parameters of one EHLO keyword (e.g. the mechanisms after "AUTH"), nil when not offered.
    func parameters(of keyword: String) -> [String]? {
        for line in extensions {
            let words = line.split(separator: " ").map(String.init)
            if words.first == keyword { return Array(words.dropFirst()) }
        }
        return nil
    }
}

/// An answer that is not SMTP: a line without a code, codes that change within one reply, a
/// reply longer than any server sends. Kept, so the outbox shows what came back.
struct SMTPGarbage: Error, CustomStringConvertible {
    /// What came, as text, possibly cut.
    var received: String
    var description: String { "not an SMTP reply: \(received)" }
}

/// Splits what the server sends into lines and groups them into replies. A line may end in CRLF
/// or, from a sloppy server, a bare LF.
struct SMTPReplyDecoder: ByteToMessageDecoder {
    typealias InboundOut = SMTPReply

    // RFC 5321 §4.5.3.1.5 allows 512 octets a reply line; a few servers send longer, none send this much.
    static let lineLimit = 2048
    static let lineCountLimit = 100
    private var pending: [String] = []
    private var pendingCode: Int?

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > Self.lineLimit {
                throw SMTPGarbage(received: buffer.readString(length: Self.lineLimit) ?? "")
            }
            return .needMoreData
        }
        let length = newline - buffer.readerIndex
        var line = buffer.readString(length: length) ?? ""
        buffer.moveReaderIndex(forwardBy: 1)
        if line.hasSuffix("\r") { line.removeLast() }
        if let reply = try take(line) {
            context.fireChannelRead(wrapInboundOut(reply))
        }
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws
        -> DecodingState
    {
        while try decode(context: context, buffer: &buffer) == .continue {}
        if buffer.readableBytes > 0 || !pending.isEmpty {
            let rest = buffer.readString(length: buffer.readableBytes) ?? ""
            throw SMTPGarbage(received: (pending + [rest]).joined(separator: " | "))
        }
        return .needMoreData
    }

    /// Adds one line; the reply once its last line has come.
    mutating func take(_ line: String) throws -> SMTPReply? {
        let bytes = Array(line.utf8)
        let digits = bytes.prefix(3)
        let separator = bytes.count > 3 ? bytes[3] : UInt8(ascii: " ")
        guard bytes.count >= 3, digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            let code = Int(String(decoding: digits, as: UTF8.self)), (200...599).contains(code),
            separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-"),
            pendingCode == nil || pendingCode == code, pending.count < Self.lineCountLimit,
            bytes.count <= Self.lineLimit
        else {
            throw SMTPGarbage(received: (pending + [line]).joined(separator: " | "))
        }
        let text = bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : ""
        pending.append(text)
        pendingCode = code
        guard separator == UInt8(ascii: " ") else { return nil }
        defer {
            pending = []
            pendingCode = nil
        }
        return SMTPReply(code: code, lines: pending)
    }
}
