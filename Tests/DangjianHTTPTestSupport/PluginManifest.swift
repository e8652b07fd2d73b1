import DangjianLua
import Foundation

/// The `plugins` list of Package.swift, read as text: the target graph's half of a plugin's
/// dependencies, which a test compares with the plugin types' `builtOn`.
public enum PluginManifest {
    /// Package.swift of this checkout, found from this file.
    public static let packageFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Package.swift").standardized

    /// Each plugin target's `uses:` list, by target name.
    public static func uses(in manifest: String) -> [String: [String]] {
        let entry = /\("(\w+)",\s*\[([^\]]*)\]\)/
        var uses: [String: [String]] = [:]
        for match in manifest.matches(of: entry) {
            uses[String(match.1)] = match.2.split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: ["\""])
            }
            .filter { !$0.isEmpty }
        }
        return uses
    }

    /// One problem per plugin type whose `builtOn` names other targets than its `uses:` list.
    public static func mismatches(_ types: [any CompiledPlugin.Type], manifest: String) -> [String] {
        let uses = uses(in: manifest)
        return types.compactMap { type in
            let declared = type.builtOn.map { $0.targetName }.sorted()
            guard let listed = uses[type.targetName] else {
                return "\(type.targetName) is not in Package.swift's plugins list"
            }
            return listed.sorted() == declared
                ? nil
                : "\(type.targetName): Package.swift uses \(listed.sorted()), the plugin is built on \(declared)"
        }
    }

    /// The mismatches against this checkout's Package.swift.
    public static func mismatches(_ types: [any CompiledPlugin.Type]) throws -> [String] {
        mismatches(types, manifest: try String(contentsOf: packageFile, encoding: .utf8))
    }
}
