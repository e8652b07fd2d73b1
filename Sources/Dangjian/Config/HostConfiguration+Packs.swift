import Foundation

extension HostConfiguration {
    /// The variable naming an install prefix: packs are looked for under `$DANGJIAN_PREFIX/share/dangjian`.
    public static let prefixVariable = "DANGJIAN_PREFIX"

    /// Where a relative pack path (a rule pack, the calendar, a plugin's pack) is looked for, in
    /// order: the configuration file's directory, the install prefix (`$DANGJIAN_PREFIX/share/dangjian`,
    /// else the executable's `../share/dangjian`), then the working directory, so a host started
    /// elsewhere (by systemd) finds what a development checkout finds by its working directory.
    static func packRoots(
        file: String?, environment: [String: String],
        executable: String? = Bundle.main.executablePath
    ) -> [String] {
        var roots: [String] = []
        if let file {
            let directory = (file as NSString).deletingLastPathComponent
            if !directory.isEmpty, directory != "." { roots.append(directory) }
        }
        if let prefix = environment[prefixVariable], !prefix.isEmpty {
            roots.append((prefix as NSString).appendingPathComponent("share/dangjian"))
        } else if let executable {
            let bin = (URL(fileURLWithPath: executable).resolvingSymlinksInPath().path as NSString)
                .deletingLastPathComponent
            roots.append(((bin as NSString).appendingPathComponent("../share/dangjian") as NSString).standardizingPath)
        }
        return roots
    }

    /// Every place `path` is looked for, in order; an absolute path only as it is.
    public func packCandidates(_ path: String) -> [String] {
        guard !path.isEmpty, !path.hasPrefix("/") else { return [path] }
        var seen = Set<String>()
        return (packRoots.map { ($0 as NSString).appendingPathComponent(path) } + [path]).filter {
            seen.insert($0).inserted
        }
    }

    /// The first of `packCandidates(path)` that exists; `path` as given when none does, so the
    /// loader's error can name every place tried (`missingPack`).
    public func resolvePack(_ path: String) -> String {
        packCandidates(path).first { FileManager.default.fileExists(atPath: $0) } ?? path
    }

    /// Why `path` cannot be used, naming every place tried; nil when it exists.
    public func missingPack(_ path: String) -> String? {
        guard !FileManager.default.fileExists(atPath: path) else { return nil }
        let tried = packCandidates(path).map { $0.hasPrefix("/") ? $0 : "\($0) (working directory)" }
        return "no such directory or file; tried \(tried.joined(separator: ", "))"
    }

    /// The rule section's paths resolved by `resolvePack`; done once, when the file is read.
    mutating func resolvePackPaths() {
        rulesBaseline = resolvePack(rulesBaseline)
        if !rulesCalendar.isEmpty { rulesCalendar = resolvePack(rulesCalendar) }
        rulesDistricts = rulesDistricts.map {
            DistrictBinding(directory: resolvePack($0.directory), organizationID: $0.organizationID)
        }
        rulesPlugins = rulesPlugins.mapValues(resolvePack)
    }
}
