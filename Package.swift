// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "dashell",
    // Built and tested on Linux only (Debian's libedit, Linux pseudo-terminals in the tests,
    // Synchronization's Mutex and Atomic); no Apple platform is declared because none is.
    products: [
        .executable(name: "dashell", targets: ["dashell"])
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // Schema node kinds, values, paths, configuration records, change sets, the rule
        // framework and rendering, for any schema. No I/O, no product.
        .target(name: "ConfigModel"),
        // The Digital Access product: its schema, the rules its configurations keep and the
        // questions of its wizard.
        .target(name: "DigitalAccess", dependencies: ["ConfigModel"]),
        // The store interface, candidates (overlay, edit log, undo), three-way merge and the
        // publish sequence, over a narrow storage interface. No database. SHA-256 (for
        // change requests' digests and the audit chain) from swift-crypto.
        .target(name: "ConfigStore", dependencies: ["ConfigModel", .product(name: "Crypto", package: "swift-crypto")]),
        // The storage in one SQLite file, through GRDB.
        .target(
            name: "ConfigStoreSQLite",
            dependencies: [
                "ConfigModel", "ConfigStore", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // PostgreSQL's client library, and a small Swift interface to it: connections,
        // queries with parameters, text or binary results, transactions. Knows nothing of
        // dashell. Only libpq's header is imported; the library is loaded when first used.
        .systemLibrary(name: "CLibPQ", providers: [.apt(["libpq-dev"])]),
        .target(name: "PostgreSQLClient", dependencies: ["CLibPQ"]),
        // The storage in a PostgreSQL database, through libpq.
        .target(name: "ConfigStorePostgreSQL", dependencies: ["ConfigModel", "ConfigStore", "PostgreSQLClient"]),
        // The command language: lexer, commands, pipes, the script runner and the one command
        // path; the engine state a command acts on. No terminal.
        .target(name: "ShellCore", dependencies: ["ConfigModel", "ConfigStore"]),
        // The shell at a keyboard: the read-eval-print loop, prompt, completer, pager and the
        // wizard's dialogue, over LineEditing.
        .target(name: "ShellInteractive", dependencies: ["ShellCore", "ConfigModel", "ConfigStore", "LineEditing"]),
        // Terminal line editing over libedit (prompt, history, completion, `?` help).
        // Knows nothing of Digital Access.
        .systemLibrary(name: "Clibedit", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        .target(name: "CLineEdit", dependencies: ["Clibedit"]),
        .target(name: "LineEditing", dependencies: ["CLineEdit", "Clibedit"]),
        .executableTarget(
            name: "dashell",
            dependencies: [
                "ShellCore", "ShellInteractive", "ConfigStoreSQLite", "ConfigStorePostgreSQL", "DigitalAccess",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Engine measurements for scripts/bench, on SQLite and PostgreSQL (and the throwaway
        // cluster the PostgreSQL rows run on).
        .executableTarget(
            name: "dashell-bench",
            dependencies: [
                "ConfigStore", "ConfigStoreSQLite", "ConfigStorePostgreSQL", "PostgreSQLTesting", "ShellCore", "ShellInteractive", "DigitalAccess",
            ]),
        // Crash and concurrency tortures of the built dashell, for scripts/torture and the tests,
        // on SQLite or PostgreSQL (a throwaway cluster, from PostgreSQLTesting, when given none).
        .executableTarget(
            name: "dashell-torture",
            dependencies: [
                "ShellCore", "ConfigStore", "ConfigStoreSQLite", "ConfigStorePostgreSQL", "PostgreSQLClient", "PostgreSQLTesting", "ConfigModel",
                "DigitalAccess", .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // LineEditor with a toy completer, for trying keys by hand and for the pty tests.
        .executableTarget(name: "line-editor-demo", dependencies: ["LineEditing"]),
        .testTarget(name: "ConfigModelTests", dependencies: ["ConfigModel", "DigitalAccess"]),
        .testTarget(name: "DigitalAccessTests", dependencies: ["DigitalAccess", "ConfigModel"]),
        .testTarget(
            name: "ConfigStoreTests",
            dependencies: [
                "ConfigStore", "ConfigStoreSQLite", "ConfigStorePostgreSQL", "DigitalAccess", "PostgreSQLClient", "PostgreSQLTesting",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .testTarget(
            name: "ShellTests",
            dependencies: ["ShellCore", "ShellInteractive", "DigitalAccess", "ConfigStoreSQLite", "ConfigStorePostgreSQL", "PostgreSQLTesting"]),
        .testTarget(name: "EndToEndTests", dependencies: ["ShellCore", "dashell-torture", "PostgreSQLTesting"]),
        // Drives programs on a pseudo-terminal for the keystroke tests.
        .target(name: "TerminalTesting", path: "Sources/TerminalTesting"),
        // A throwaway PostgreSQL server for the tests that need one.
        .target(name: "PostgreSQLTesting", dependencies: ["PostgreSQLClient"], path: "Sources/PostgreSQLTesting"),
        .testTarget(name: "LineEditingTests", dependencies: ["LineEditing", "line-editor-demo", "TerminalTesting"]),
        .testTarget(name: "InteractiveTests", dependencies: ["TerminalTesting", "PostgreSQLTesting", "dashell"]),
    ],
    swiftLanguageModes: [.v6]
)
