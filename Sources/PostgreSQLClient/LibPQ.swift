import CLibPQ
import Foundation

/// libpq's functions, loaded from the shared library the first time they are needed rather
/// than linked into the program. Loading libpq and what it needs (OpenSSL, Kerberos,
/// OpenLDAP and its GnuTLS, …) takes 7–10 ms, which every run of dashell would otherwise pay
/// before its first line, on an SQLite store too.
///
/// Unchecked Sendable: C function pointers, set once when the library is loaded.
final class LibPQ: @unchecked Sendable {
    /// The library, loaded on first use; the error says why it could not be.
    static func shared() throws -> LibPQ {
        try loaded.get()
    }

    private static let loaded = Result<LibPQ, any Error> {
        guard let handle = dlopen(library, RTLD_NOW | RTLD_LOCAL) else {
            let reason = dlerror().map { String(cString: $0) } ?? "cannot be loaded"
            throw PostgreSQLError(message: "\(reason); libpq (Debian's libpq5) is needed for a PostgreSQL store", sqlState: nil, host: "")
        }
        return try LibPQ(handle)
    }

    /// The library's name with its ABI version, as it is installed.
    private static let library = "libpq.so.5"

    typealias ConnectionHandle = OpaquePointer
    typealias ResultHandle = OpaquePointer
    typealias Strings = UnsafePointer<UnsafePointer<CChar>?>

    let connectdbParams: @convention(c) (Strings?, Strings?, Int32) -> ConnectionHandle?
    let status: @convention(c) (ConnectionHandle?) -> ConnStatusType
    let errorMessage: @convention(c) (ConnectionHandle?) -> UnsafeMutablePointer<CChar>?
    let finish: @convention(c) (ConnectionHandle?) -> Void
    let host: @convention(c) (ConnectionHandle?) -> UnsafeMutablePointer<CChar>?
    let user: @convention(c) (ConnectionHandle?) -> UnsafeMutablePointer<CChar>?
    let parameterStatus: @convention(c) (ConnectionHandle?, UnsafePointer<CChar>?) -> UnsafePointer<CChar>?
    let transactionStatus: @convention(c) (ConnectionHandle?) -> PGTransactionStatusType
    let setNoticeProcessor: @convention(c) (ConnectionHandle?, PQnoticeProcessor?, UnsafeMutableRawPointer?) -> PQnoticeProcessor?
    let exec: @convention(c) (ConnectionHandle?, UnsafePointer<CChar>?) -> ResultHandle?
    let execParams:
        @convention(c) (
            ConnectionHandle?, UnsafePointer<CChar>?, Int32, UnsafePointer<Oid>?, Strings?, UnsafePointer<Int32>?, UnsafePointer<Int32>?, Int32
        ) -> ResultHandle?
    let prepare: @convention(c) (ConnectionHandle?, UnsafePointer<CChar>?, UnsafePointer<CChar>?, Int32, UnsafePointer<Oid>?) -> ResultHandle?
    let execPrepared:
        @convention(c) (ConnectionHandle?, UnsafePointer<CChar>?, Int32, Strings?, UnsafePointer<Int32>?, UnsafePointer<Int32>?, Int32) -> ResultHandle?
    let resultStatus: @convention(c) (ResultHandle?) -> ExecStatusType
    let resultErrorField: @convention(c) (ResultHandle?, Int32) -> UnsafeMutablePointer<CChar>?
    let clear: @convention(c) (ResultHandle?) -> Void
    let ntuples: @convention(c) (ResultHandle?) -> Int32
    let getisnull: @convention(c) (ResultHandle?, Int32, Int32) -> Int32
    let getvalue: @convention(c) (ResultHandle?, Int32, Int32) -> UnsafeMutablePointer<CChar>?
    let getlength: @convention(c) (ResultHandle?, Int32, Int32) -> Int32
    let fformat: @convention(c) (ResultHandle?, Int32) -> Int32
    let conninfoParse: @convention(c) (UnsafePointer<CChar>?, UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> UnsafeMutablePointer<PQconninfoOption>?
    let conninfoFree: @convention(c) (UnsafeMutablePointer<PQconninfoOption>?) -> Void
    let freemem: @convention(c) (UnsafeMutableRawPointer?) -> Void
    let socket: @convention(c) (ConnectionHandle?) -> Int32
    let consumeInput: @convention(c) (ConnectionHandle?) -> Int32
    let notifies: @convention(c) (ConnectionHandle?) -> UnsafeMutablePointer<PGnotify>?

    private init(_ handle: UnsafeMutableRawPointer) throws {
        func function<T>(_ name: String) throws -> T {
            guard let address = dlsym(handle, name) else {
                throw PostgreSQLError(message: "\(Self.library) has no \(name)", sqlState: nil, host: "")
            }
            return unsafeBitCast(address, to: T.self)
        }
        connectdbParams = try function("PQconnectdbParams")
        status = try function("PQstatus")
        errorMessage = try function("PQerrorMessage")
        finish = try function("PQfinish")
        host = try function("PQhost")
        user = try function("PQuser")
        parameterStatus = try function("PQparameterStatus")
        transactionStatus = try function("PQtransactionStatus")
        setNoticeProcessor = try function("PQsetNoticeProcessor")
        exec = try function("PQexec")
        execParams = try function("PQexecParams")
        prepare = try function("PQprepare")
        execPrepared = try function("PQexecPrepared")
        resultStatus = try function("PQresultStatus")
        resultErrorField = try function("PQresultErrorField")
        clear = try function("PQclear")
        ntuples = try function("PQntuples")
        getisnull = try function("PQgetisnull")
        getvalue = try function("PQgetvalue")
        getlength = try function("PQgetlength")
        fformat = try function("PQfformat")
        conninfoParse = try function("PQconninfoParse")
        conninfoFree = try function("PQconninfoFree")
        freemem = try function("PQfreemem")
        socket = try function("PQsocket")
        consumeInput = try function("PQconsumeInput")
        notifies = try function("PQnotifies")
    }
}
