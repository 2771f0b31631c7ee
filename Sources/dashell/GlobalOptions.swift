import ArgumentParser
import ConfigModel
import ConfigStore
import ConfigStorePostgreSQL
import ConfigStoreSQLite
import DigitalAccess
import Foundation
import ShellCore

/// Options every form of `dashell` accepts, before or after a subcommand.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The store: an SQLite file, or a postgresql:// URI (default $DASHELL_STORE, else $XDG_DATA_HOME/dashell/store.sqlite).",
            valueName: "location"),
        completion: .file())
    var store: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Identity recorded in history (default: the login name, or the PostgreSQL role).", valueName: "name"))
    var user: String?

    @Option(name: .customShort("D"), help: ArgumentHelp("Define a script variable, used as ${NAME}.", valueName: "name=value"))
    var define: [String] = []

    @Flag(name: .long, help: "Print each command's result or error as one JSON document.")
    var json = false

    @Flag(name: .long, help: "Never colour output (also NO_COLOR).")
    var noColor = false

    func validate() throws {
        for definition in define where !definition.contains("=") || definition.hasPrefix("=") {
            throw ValidationError("-D expects NAME=VALUE, not '\(definition.excerpt)'")
        }
        // Names starting with a control character are where change requests keep their edits.
        if let user, user.isEmpty || user.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw ValidationError("--user needs a name without control characters")
        }
    }

    var storeLocation: String {
        let environment = ProcessInfo.processInfo.environment
        return store ?? environment["DASHELL_STORE"].flatMap { $0.isEmpty ? nil : $0 } ?? StoreLocation.defaultPath()
    }

    /// The session's options, on `store`: its user is the role the PostgreSQL server
    /// authenticated, else the one given, else the login name. On PostgreSQL, a `--user`
    /// other than that role is refused (exit 6), and the refusal recorded as coming from
    /// `source`: the server knows who connected.
    func sessionOptions(for store: RevisionedStore, source: String) throws -> Session.Options {
        let environment = ProcessInfo.processInfo.environment
        let role = (store.storage as? PostgreSQLStorage)?.role
        if let role, let user, user != role {
            let message = "permission denied: --user \(user) is not \(role), the role the server authenticated; connect as \(user) instead"
            FileHandle.standardError.write(Data("dashell: error: \(message)\n".utf8))
            if let warning = AuditTrail.recordRefusal(message, action: .connect, user: role, source: source, in: store) {
                FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
            }
            throw ArgumentParser.ExitCode(ShellCore.ExitCode.permissionDenied)
        }
        var options = Session.Options(user: role ?? user ?? Self.loginName())
        options.json = json
        options.wizards = DigitalAccessWizards.all
        let location = storeLocation
        options.startRevertTimer = { revision in try RevertTimer.start(store: location, revision: revision) }
        options.color = !noColor && environment["NO_COLOR"] == nil && isatty(1) == 1
        for definition in define {
            let parts = definition.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            options.variables[String(parts[0])] = String(parts[1])
        }
        return options
    }

    /// Opens the store, or throws exit 5 after a message saying how to recover; first
    /// publishes the reverts of confirmed publishes that are due (`OverdueReverts`).
    func openStore() throws -> RevisionedStore {
        let storage: any Storage = try serverLocation().map(openServerStorage) ?? openFileStorage()
        let store = RevisionedStore(
            storage: storage, schema: DigitalAccessSchema.root, rules: DigitalAccessRules.all, policy: DelegatedManagement(),
            spillThreshold: Self.spillThreshold)
        OverdueReverts.revert(in: store)
        return store
    }

    /// `DASHELL_SPILL_THRESHOLD`, when it is a positive number: how many records a candidate
    /// holds in memory before it spills them to the store.
    private static var spillThreshold: Int {
        ProcessInfo.processInfo.environment["DASHELL_SPILL_THRESHOLD"].flatMap(Int.init).flatMap { $0 > 0 ? $0 : nil }
            ?? RevisionedStore.defaultSpillThreshold
    }

    /// The PostgreSQL database `--store` names, if it names one rather than an SQLite file.
    /// A password in the URI is accepted, with a warning: anyone can read it in `ps`.
    func serverLocation() throws -> ServerLocation? {
        let location = storeLocation
        guard ServerLocation.isServerURI(location) else { return nil }
        let server = try reportingStoreErrors { try ServerLocation(location) }
        if server.hasPassword {
            FileHandle.standardError.write(
                Data("warning: the store's URI holds a password, which other users can see in `ps`; use ~/.pgpass or PGPASSWORD\n".utf8))
        }
        return server
    }

    func openServerStorage(_ server: ServerLocation) throws -> PostgreSQLStorage {
        try reportingStoreErrors { try PostgreSQLStorage(server) }
    }

    /// The SQLite storage under `openStore`, for what concerns the file rather than the
    /// configuration. `creation`: what may be created where no store exists yet; by default
    /// the directories only at the default location (see `StoreLocation`). A new store is
    /// announced.
    func openFileStorage(creating creation: StoreLocation.Creation? = nil) throws -> SQLiteStorage {
        let path = storeLocation
        let storage = try reportingStoreErrors {
            try SQLiteStorage(
                path: path, creating: creation ?? StoreLocation.implicitCreation(at: path),
                onWait: {
                    FileHandle.standardError.write(Data("dashell: waiting for another process to finish with \(path)…\n".utf8))
                })
        }
        if storage.isNew {
            FileHandle.standardError.write(Data("dashell: created a new store at \(path)\n".utf8))
        }
        if StoreLocation.isReadableByOthers(path) {
            FileHandle.standardError.write(Data("warning: \(path) is readable by other users and holds secrets; chmod 600 it\n".utf8))
        }
        return storage
    }

    /// Runs `body`; a store that cannot be used is exit 5, after a message saying how to
    /// recover.
    func reportingStoreErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            FileHandle.standardError.write(Data("dashell: error: \(error)\n".utf8))
            throw ArgumentParser.ExitCode(ShellCore.ExitCode.storeUnavailable)
        }
    }

    static func loginName() -> String {
        if let name = ProcessInfo.processInfo.environment["USER"], !name.isEmpty { return name }
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "unknown"
    }
}
