import GRDB
import GRDBSQLite

/// A prepared statement run many times with text (or NULL) arguments, bound straight
/// through SQLite's C API. A bulk publish writes two rows per record; GRDB's general
/// argument handling cost more per row than SQLite's own insert.
struct TextStatement {
    private let statement: Statement
    private let db: Database

    init(_ db: Database, sql: String) throws {
        self.db = db
        statement = try db.makeStatement(sql: sql)
    }

    /// Runs the statement once. `integer` binds parameter 1 when given; the texts follow.
    func execute(integer: Int? = nil, _ texts: String?...) throws {
        let handle = statement.sqliteStatement
        var index: Int32 = 1
        if let integer {
            sqlite3_bind_int64(handle, index, Int64(integer))
            index += 1
        }
        for text in texts {
            try check(Self.bind(text, to: handle, at: index))
            index += 1
        }
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        if code != SQLITE_DONE { try check(code) }
    }

    /// The text in the first column of the first row `statement` returns for one text
    /// argument, or nil when there is no row (or the value is NULL). For point reads, which
    /// every edit of a record not yet in the candidate makes.
    static func fetchText(_ db: Database, _ statement: Statement, _ argument: String) throws -> String? {
        try firstRow(db, statement, argument) { text($0, column: 0) }
    }

    /// The two texts in the first two columns of the first row `statement` returns for one
    /// text argument, or nil when there is no row (or either is NULL).
    static func fetchTexts(_ db: Database, _ statement: Statement, _ argument: String) throws -> (String, String)? {
        try firstRow(db, statement, argument) { handle in
            guard let first = text(handle, column: 0), let second = text(handle, column: 1) else { return nil }
            return (first, second)
        }
    }

    /// Every row's first two columns as texts, for text arguments and then one integer (a
    /// range of keys and a limit): what a walk or a search reads a chunk at a time, many
    /// thousands of rows a second.
    static func fetchTextPairs(_ db: Database, _ statement: Statement, _ texts: [String], integer: Int) throws -> [(String, String)] {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        defer { sqlite3_reset(handle) }
        var index: Int32 = 1
        for text in texts {
            try check(db, statement, bind(text, to: handle, at: index))
            index += 1
        }
        try check(db, statement, sqlite3_bind_int64(handle, index, Int64(integer)))
        var rows: [(String, String)] = []
        while true {
            let code = sqlite3_step(handle)
            guard code == SQLITE_ROW else {
                try check(db, statement, code)
                return rows
            }
            if let first = text(handle, column: 0), let second = text(handle, column: 1) { rows.append((first, second)) }
        }
    }

    /// Every row `statement` returns for integer arguments, made by `read` from the row's
    /// columns: `audit verify` reads 100,000 rows of 15 columns, which GRDB's decoding of
    /// each value through its generic conversions made the bulk of.
    static func fetchRows<T>(_ db: Database, _ statement: Statement, integers: [Int], _ read: (Columns) -> T) throws -> [T] {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        defer { sqlite3_reset(handle) }
        for (index, integer) in integers.enumerated() {
            try check(db, statement, sqlite3_bind_int64(handle, Int32(index + 1), Int64(integer)))
        }
        var rows: [T] = []
        while true {
            let code = sqlite3_step(handle)
            guard code == SQLITE_ROW else {
                try check(db, statement, code)
                return rows
            }
            rows.append(read(Columns(handle: handle)))
        }
    }

    /// The columns of the row a statement stands on.
    struct Columns {
        fileprivate let handle: OpaquePointer?

        func integer(_ column: Int32) -> Int? {
            sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : Int(sqlite3_column_int64(handle, column))
        }

        func text(_ column: Int32) -> String? { TextStatement.text(handle, column: column) }
    }

    /// Runs `statement` with one text argument and reads its first row; nil without one.
    private static func firstRow<T>(
        _ db: Database, _ statement: Statement, _ argument: String,
        _ read: (OpaquePointer?) -> T?
    ) throws -> T? {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        try check(db, statement, bind(argument, to: handle, at: 1))
        defer { sqlite3_reset(handle) }
        let code = sqlite3_step(handle)
        guard code == SQLITE_ROW else {
            try check(db, statement, code)
            return nil
        }
        return read(handle)
    }

    private static func text(_ handle: OpaquePointer?, column: Int32) -> String? {
        guard let text = sqlite3_column_text(handle, column) else { return nil }
        return String(decoding: UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, column))), as: UTF8.self)
    }

    private static func bind(_ text: String?, to handle: OpaquePointer?, at index: Int32) -> Int32 {
        guard var text else { return sqlite3_bind_null(handle, index) }
        return text.withUTF8 { bytes in
            // An empty buffer may have no address, and a null pointer would bind NULL.
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return sqlite3_bind_text(handle, index, "", 0, transient) }
            return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                sqlite3_bind_text(handle, index, $0, Int32(bytes.count), transient)
            }
        }
    }

    private func check(_ code: Int32) throws {
        try Self.check(db, statement, code)
    }

    private static func check(_ db: Database, _ statement: Statement, _ code: Int32) throws {
        guard code != SQLITE_OK, code != SQLITE_DONE, code != SQLITE_ROW else { return }
        let message = db.sqliteConnection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
        throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
    }
}

/// SQLite copies the bytes of a text bound with this destructor (SQLITE_TRANSIENT, a C macro).
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
