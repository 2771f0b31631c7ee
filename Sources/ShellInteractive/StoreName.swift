import Foundation

/// The store as the prompt names it, so that a test store and the production one look
/// different at a glance (SPEC §6): an SQLite file's name without its extension, or a
/// PostgreSQL server's host and database (`local` for a Unix socket).
enum StoreName {
    static func of(_ location: String) -> String {
        guard location.hasPrefix("postgresql://") || location.hasPrefix("postgres://"), let uri = URLComponents(string: location) else {
            let file = (location as NSString).lastPathComponent
            let stem = (file as NSString).deletingPathExtension
            return stem.isEmpty ? file : stem
        }
        let parameters = uri.queryItems ?? []
        let database = parameters.first { $0.name == "dbname" }?.value ?? String(uri.path.drop { $0 == "/" })
        let socket = parameters.first { $0.name == "host" }?.value
        let host = uri.host.flatMap { $0.isEmpty ? nil : $0 } ?? socket.flatMap { $0.hasPrefix("/") ? nil : $0 } ?? "local"
        return database.isEmpty ? host : host + "/" + database
    }
}
