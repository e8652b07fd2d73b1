import Foundation
import Mustache

/// The console's Mustache templates: the kernel's, then each plugin's under its id
/// ("orglife/calendar"). They are read and parsed once, when the application is built, so a
/// broken template stops the host at start and never a page at run time. `{{name}}` escapes
/// HTML; `{{{…}}}` is allowed only for `body` and for fields ending in `Svg`, which the server
/// built itself from escaped parts (ConsoleTemplateTests holds every template to that).
public struct ConsoleTemplates: Sendable {
    let library: MustacheLibrary

    /// A folder's `.mustache` files (subfolders included), each registered as prefix + its
    /// path without the extension.
    static func load(_ folders: [(prefix: String, url: URL)]) throws -> ConsoleTemplates {
        var library = MustacheLibrary()
        for (prefix, folder) in folders {
            let names = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []
            for name in names.sorted() where name.hasSuffix(".mustache") {
                let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
                do {
                    try library.register(text, named: prefix + String(name.dropLast(".mustache".count)))
                } catch {
                    throw ConsoleTemplateError(template: prefix + name, problem: "\(error)")
                }
            }
        }
        return ConsoleTemplates(library: library)
    }

    /// The kernel's own templates, shipped as the DangjianHTTP module's resource.
    static var kernelFolder: URL? { Bundle.module.url(forResource: "Templates", withExtension: nil) }

    /// The folder of the console's stylesheet and script.
    static var staticFolder: URL? { Bundle.module.url(forResource: "Static", withExtension: nil) }

    /// Renders `object` (a struct, read by its property names) with the named template.
    func render(_ name: String, _ object: Any) throws -> String {
        guard let text = library.render(object, withTemplate: name) else {
            throw ConsoleTemplateError(template: name, problem: "no such template")
        }
        return text
    }

    /// Whether a template of that name was loaded.
    func has(_ name: String) -> Bool { library.getTemplate(named: name) != nil }
}

/// A template that is missing or does not parse; the host refuses to start with it.
public struct ConsoleTemplateError: Error, CustomStringConvertible {
    /// The template's registered name.
    public let template: String
    /// What is wrong with it.
    public let problem: String
    /// "console template X: problem", as the start-up failure prints it.
    public var description: String { "console template \(template): \(problem)" }
}
