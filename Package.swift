// swift-tools-version:6.1
import PackageDescription

// One place for the settings every target shares (STYLE.md item 10).
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

// Campaign plugins are compiled in. Each lives in plugins/NAME with the same shape
// (Sources/, Demo/, Tests/, rules/, README.md; PluginShapeTests holds every folder to it);
// adding one here wires its library, its demo seeder (NAMEDemo) and its tests.
// The second element names the plugins it builds on (DualLiaison reads RegionalCouncil's sub-councils);
// each plugin type declares the same as its `builtOn`, and its tests compare the two (PluginManifest).
let plugins: [(name: String, uses: [String])] = [
    ("OrgLife", []),
    ("RegionalCouncil", []),
    ("SecretaryProjects", []),
    ("DualLiaison", ["RegionalCouncil"]),
    ("BrandCreation", []),
]
let pluginNames = plugins.map(\.name)

/// A plugin's library and its demo target, each as a dependency.
func pluginAndDemo(_ name: String) -> [Target.Dependency] { [.target(name: name), .target(name: name + "Demo")] }

let package = Package(
    name: "Dangjian",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "dangjian", targets: ["dangjian"]),
        .library(name: "Dangjian", targets: ["Dangjian"]),
        .library(name: "DangjianHTTP", targets: ["DangjianHTTP"]),
        .library(name: "DangjianLua", targets: ["DangjianLua"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0", traits: [.defaults, "YAML"]),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/yaslab/CSV.swift.git", from: "2.5.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-system.git", from: "1.8.1"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
    ],
    targets: [
        .target(
            name: "Dangjian",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: swiftSettings
        ),
        // Lua 5.4 from the system package liblua5.4-dev.
        .systemLibrary(name: "CLua", pkgConfig: "lua5.4", providers: [.apt(["liblua5.4-dev"])]),
        // Every Lua call that can raise an error lives in C, so no longjmp crosses a Swift frame.
        .target(name: "CLuaBridge", dependencies: ["CLua"]),
        .target(
            name: "DangjianLua",
            dependencies: [
                "Dangjian", "CLua", "CLuaBridge", .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "DangjianHTTP",
            dependencies: [
                "Dangjian",
                "DangjianLua",
                "DangjianDelivery",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            // The console's pages and its one stylesheet and script, read at start (ConsoleTemplates).
            resources: [.copy("Console/Templates"), .copy("Console/Static")],
            swiftSettings: swiftSettings
        ),
        // Notices leaving the host (issue 15): the outbox sender, the group robots' formats and
        // signatures, signed webhooks, and email over SMTP.
        .target(
            name: "DangjianDelivery",
            dependencies: [
                "Dangjian",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"), .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"), .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "dangjian",
            dependencies: [
                "Dangjian",
                "DangjianHTTP",
                "DangjianLua",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                "DangjianScaffold", "DangjianDemo", "DangjianBench", "DangjianDelivery",
            ] + pluginNames.flatMap(pluginAndDemo),
            swiftSettings: swiftSettings,
            // CompiledPlugins.types and .demoSeeders are written from these dependencies, so the
            // `plugins` list above is the one place a plugin is named.
            plugins: ["CompiledPluginList"]
        ),
        // The demo district, the synthetic district and the seeded generator: reaches the
        // product only through its public API, so nothing of it ships inside a product target.
        .target(name: "DangjianDemo", dependencies: ["Dangjian"], swiftSettings: swiftSettings),
        // The measured paths of `dangjian bench` (the hook, the sweep and its recording, the
        // quarterly matrix), called by the thin commands of the executable.
        .target(
            name: "DangjianBench",
            dependencies: ["Dangjian", "DangjianLua", "OrgLife"],
            swiftSettings: swiftSettings
        ),
        // `dangjian plugin new NAME`: the templates of a new plugin, and what fills them in.
        .target(name: "DangjianScaffold", resources: [.copy("Templates")], swiftSettings: swiftSettings),
        .plugin(
            name: "CompiledPluginList", capability: .buildTool(), dependencies: ["CompiledPluginListTool"],
            path: "Sources/CompiledPluginList"),
        .executableTarget(name: "CompiledPluginListTool", swiftSettings: swiftSettings),
        // Fixtures both test targets share: a host on a temporary SQLite file, valid ID numbers.
        .target(
            name: "DangjianTestSupport",
            dependencies: ["Dangjian", "DangjianDemo", .product(name: "Logging", package: "swift-log")],
            path: "Tests/DangjianTestSupport",
            swiftSettings: swiftSettings
        ),
        // What plugins' HTTP tests share: requests with a token, logins, the error shape.
        .target(
            name: "DangjianHTTPTestSupport",
            dependencies: [
                "Dangjian", "DangjianHTTP", "DangjianLua", "DangjianDemo",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"), "DangjianTestSupport",
            ],
            path: "Tests/DangjianHTTPTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DangjianTests",
            dependencies: ["Dangjian", "DangjianDemo", "DangjianTestSupport", "DangjianScaffold"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DangjianDeliveryTests",
            dependencies: [
                "Dangjian", "DangjianDelivery", "DangjianTestSupport",
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // The test peers (robots, SMTP server) are Python programs the tests start.
            exclude: ["Peers"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DangjianLuaTests",
            dependencies: ["Dangjian", "DangjianLua", "DangjianTestSupport"],
            // Fixture packs are read from disk by path, as rule authors' packs are.
            exclude: ["Packs"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DangjianHTTPTests",
            dependencies: [
                "Dangjian",
                "DangjianHTTP",
                "DangjianDemo",
                "DangjianTestSupport",
                "DangjianHTTPTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
    ] + plugins.flatMap { name, uses -> [Target] in
        [
            .target(
                name: name,
                dependencies: [
                    "Dangjian", "DangjianLua", "DangjianHTTP", .product(name: "Hummingbird", package: "hummingbird"),
                    .product(name: "Logging", package: "swift-log"),
                ] + uses.map { .target(name: $0) },
                path: "plugins/\(name)/Sources",
                // Its console pages' templates (ConsolePlugin.consoleTemplates). Every plugin has the
                // folder (PluginShapeTests): a manifest that looked for it would be cached by SwiftPM
                // by its text, and a cached answer from before the folder existed breaks the build.
                resources: [.copy("Console/Templates")],
                swiftSettings: swiftSettings
            ),
            // The plugin's part of the demo and synthetic districts, through the plugin's public API.
            .target(
                name: "\(name)Demo",
                dependencies: [.target(name: name), "Dangjian", "DangjianLua", "DangjianDemo"]
                    + uses.flatMap(pluginAndDemo),
                path: "plugins/\(name)/Demo",
                swiftSettings: swiftSettings
            ),
            .testTarget(
                name: "\(name)Tests",
                dependencies: pluginAndDemo(name) + [
                    "DangjianDemo", "Dangjian", "DangjianLua", "DangjianHTTP", "DangjianTestSupport",
                    "DangjianHTTPTestSupport", .product(name: "HummingbirdTesting", package: "hummingbird"),
                ] + uses.flatMap(pluginAndDemo),
                path: "plugins/\(name)/Tests",
                swiftSettings: swiftSettings
            ),
        ]
    }
)
