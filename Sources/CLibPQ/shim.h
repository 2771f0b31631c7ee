// The declarations of PostgreSQL's client library, libpq (Debian's libpq-dev). Nothing is
// linked: PostgreSQLClient loads the library when it first connects (see LibPQ.swift).
#include <postgresql/libpq-fe.h>
