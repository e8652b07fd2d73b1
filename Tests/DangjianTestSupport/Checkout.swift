import Foundation

/// Paths in this checkout, found from this file rather than from the working directory, so a
/// test reads the packs the repository ships wherever `swift test` runs.
public enum Checkout {
    /// The checkout's root directory.
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../..").standardized

    /// The kernel's baseline rule pack (`scripts/rules`).
    public static var kernelRules: String { path("scripts/rules") }

    /// A plugin's baseline rule pack (`plugins/NAME/rules`).
    public static func rules(of plugin: String) -> String { path("plugins/\(plugin)/rules") }

    /// A path relative to the checkout's root.
    public static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
}
