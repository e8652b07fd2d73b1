import Foundation

/// A fresh temporary directory holding the given files, e.g. a rule pack written by a test.
public enum TemporaryFiles {
    /// Writes `files` (name → text, UTF-8) into a new directory and returns its path.
    public static func directory(_ files: [String: String]) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "dangjian-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return directory.path
    }
}
