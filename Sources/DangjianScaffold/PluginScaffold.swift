import Foundation

/// What `dangjian plugin new NAME` writes: a plugin folder in the shape every plugin has (a
/// route, a rule with its fixtures, a test, a README), from the templates in `Templates/`.
/// The templates name the plugin `__Name__` (the Swift module), `__id__` (its id, the API path
/// and `dj.<id>`) and `__title__` (its Chinese name), in file names and in text.
public struct PluginScaffold: Sendable {
    public let name: String
    public let id: String
    public let title: String

    /// Ids a plugin cannot take: `dj.date`, `dj.members` and `dj.tasks` are the kernel's.
    static let reservedIDs: Set<String> = ["date", "members", "tasks", "rules", "kernel"]

    /// - Parameters:
    ///   - name: the module name, UpperCamelCase ASCII, e.g. "MemberDevelopment".
    ///   - id: lowercase ASCII letters and digits, starting with a letter; by default the name in lower case.
    ///   - title: the campaign's Chinese name; by default the name.
    public init(name: String, id: String? = nil, title: String? = nil) throws {
        guard let first = name.unicodeScalars.first, ("A"..."Z").contains(first),
            name.unicodeScalars.allSatisfy({ $0.isASCII && CharacterSet.alphanumerics.contains($0) }),
            name.count <= 40
        else {
            throw ScaffoldError(
                "插件名须为大驼峰英文，如 MemberDevelopment / the name must be UpperCamelCase ASCII, e.g. MemberDevelopment: \(name)"
            )
        }
        let id = id ?? name.lowercased()
        guard let head = id.unicodeScalars.first, ("a"..."z").contains(head),
            id.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) }), id.count <= 30
        else {
            throw ScaffoldError("插件 id 须为小写英文字母和数字 / the id must be lowercase ASCII letters and digits: \(id)")
        }
        guard !Self.reservedIDs.contains(id) else {
            throw ScaffoldError("id \(id) 为内核保留 / the id \(id) is the kernel's")
        }
        let title = title ?? name
        guard !title.isEmpty, !title.contains(where: { $0.isNewline || $0 == "\"" || $0 == "\\" }) else {
            throw ScaffoldError("名称不能为空或含引号、换行 / the title cannot be empty or hold quotes or line breaks")
        }
        self.name = name
        self.id = id
        self.title = title
    }

    /// The files to write, by path relative to the checkout (`plugins/NAME/...`), in path order.
    public func files() throws -> [(path: String, text: String)] {
        guard let root = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw ScaffoldError("the templates are missing from this build")
        }
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        var files: [(path: String, text: String)] = []
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "tmpl" else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
            let path = "plugins/\(name)/" + fill(String(relative.dropLast(".tmpl".count)))
            files.append((path, fill(try String(contentsOf: url, encoding: .utf8))))
        }
        return files.sorted { $0.path < $1.path }
    }

    /// The one line to add to Package.swift's `plugins` list, which wires the plugin's library,
    /// demo and test targets and the binary's list of compiled-in plugins.
    public var wiringLine: String { "(\"\(name)\", [])," }

    /// Writes the plugin under `checkout`, refusing to touch a folder that exists.
    /// - Returns: the paths written, relative to `checkout`.
    @discardableResult
    public func write(into checkout: URL) throws -> [String] {
        let folder = checkout.appendingPathComponent("plugins/\(name)")
        guard !FileManager.default.fileExists(atPath: folder.path) else {
            throw ScaffoldError("plugins/\(name) 已存在 / plugins/\(name) exists already; nothing was written")
        }
        let files = try files()
        for file in files {
            let url = checkout.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try file.text.write(to: url, atomically: true, encoding: .utf8)
        }
        return files.map(\.path)
    }

    func fill(_ text: String) -> String {
        text.replacingOccurrences(of: "__Name__", with: name).replacingOccurrences(of: "__id__", with: id)
            .replacingOccurrences(of: "__title__", with: title)
    }
}

/// Why a plugin could not be scaffolded, in both languages.
public struct ScaffoldError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}
