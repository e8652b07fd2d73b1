import CSV
import Foundation

/// Rows to CSV text (UTF-8, quoted where needed), for every export: members, matrices, bulletins.
public enum CSVText {
    /// The rows as CSV text, one line each, fields quoted where needed. Throws if the writer fails.
    public static func write(_ rows: [[String]]) throws -> String {
        let stream = OutputStream(toMemory: ())
        let writer = try CSVWriter(stream: stream)
        for row in rows { try writer.write(row: row) }
        writer.stream.close()
        guard let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else { return "" }
        return String(decoding: data, as: UTF8.self)
    }
}
