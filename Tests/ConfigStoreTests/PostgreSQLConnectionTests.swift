import PostgreSQLClient
import PostgreSQLTesting
import Testing

/// The libpq wrapper the PostgreSQL storage is written on: what it sends arrives as it was,
/// what comes back reads the same in either format, and a failure says what and where.
struct PostgreSQLConnectionTests {
    let connection: PostgreSQLConnection

    init() throws {
        let cluster = try TestCluster.shared()
        connection = try PostgreSQLConnection(cluster.uri(database: "postgres"), applicationName: "test")
    }

    @Test func textsAndIntegersArriveAsTheyWereSent() throws {
        let texts = ["", "Åsa Ödén", "a\u{1F}b\u{1E}", "'; DROP TABLE x; --", String(repeating: "ü", count: 10_000)]
        for text in texts {
            let row = try #require(try connection.query("SELECT $1::text, length($1), $2 + 1", [text, -42]).first)
            #expect(row.string(0) == text)
            #expect(row.integer(1) == text.count)
            #expect(row.integer(2) == -41)
        }
        let null: String? = nil
        #expect(try connection.query("SELECT $1::text IS NULL", [null]).first?.string(0) == "t")
    }

    @Test func textArraysArriveWholeWithTheirNulls() throws {
        for elements in [[], ["one"], ["a", nil, "", "Åsa"], Array(repeating: "x", count: 20_000)] as [[String?]] {
            let rows = try connection.query(
                "SELECT value, value IS NULL FROM unnest($1::text[]) WITH ORDINALITY AS t(value, n) ORDER BY n", [TextArray(elements)])
            #expect(rows.map { $0.string(0) } == elements)
            #expect(rows.map { $0.string(1) == "t" } == elements.map { $0 == nil })
        }
    }

    @Test func resultsReadTheSameInTextAndBinaryFormat() throws {
        let sql = "SELECT -7::smallint, -123456::integer, 9000000000::bigint, -1.5::float8, 'Åsa'::text, NULL::integer"
        for format in [ResultFormat.text, .binary] {
            let row = try #require(try connection.query(sql, format: format).first)
            #expect(row.integer(0) == -7)
            #expect(row.integer(1) == -123_456)
            #expect(row.integer(2) == 9_000_000_000)
            #expect(row.double(3) == -1.5)
            #expect(row.string(4) == "Åsa")
            #expect(row.isNull(5) && row.integer(5) == nil)
        }
    }

    /// A statement run again is prepared on the server and still answers for new parameters.
    @Test func aRepeatedStatementAnswersEachTime() throws {
        for value in 0..<5 {
            #expect(try connection.query("SELECT $1 * 2", [value]).first?.integer(0) == value * 2)
        }
    }

    @Test func aFailureCarriesTheServersMessageItsCodeAndTheHost() throws {
        let error = #expect(throws: PostgreSQLError.self) { try connection.query("SELECT * FROM no_such_table") }
        #expect(error?.message == "relation \"no_such_table\" does not exist")
        #expect(error?.sqlState == "42P01")
        #expect(error?.host == (try TestCluster.shared().directory))
    }

    @Test func aTransactionCommitsOrRollsBackAsTold() throws {
        try connection.execute("CREATE TEMPORARY TABLE t (n integer)")
        try connection.transaction(.readCommitted) { (try connection.query("INSERT INTO t VALUES (1)"), commit: true) }
        try connection.transaction(.readCommitted) { (try connection.query("INSERT INTO t VALUES (2)"), commit: false) }
        #expect(throws: PostgreSQLError.self) {
            try connection.transaction(.readCommitted) {
                try connection.query("INSERT INTO t VALUES (3)")
                return (try connection.query("SELECT 1/0"), commit: true)
            }
        }
        #expect(try connection.query("SELECT n FROM t").map { $0.integer(0) } == [1])
        #expect(!connection.isInTransaction)
    }
}
