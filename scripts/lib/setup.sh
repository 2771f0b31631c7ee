# Shared set-up for scripts/run, scripts/test and friends.

# Release builds link the Swift runtime and Foundation into the executable: resolving their
# symbols in shared libraries at every start was half of dashell's start-up instructions
# (SPEC §9 allows 30 ms). Every release build must use the same flags, or each rebuilds all.
release_flags=(-c release --static-swift-stdlib)

# Installs those of the given Debian packages that are missing; a fresh machine needs one
# `apt-get update` first.
ensure_packages() {
    local missing=() package
    for package in "$@"; do
        dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
    done
    if ((${#missing[@]} > 0)); then
        echo "Installing ${missing[*]}…" >&2
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}

# What building needs: the headers of libedit (a fresh machine has only libedit2) and of
# libpq, PostgreSQL's client library.
ensure_build_packages() {
    ensure_packages libedit-dev libpq-dev
}

# What the tests need besides: a PostgreSQL server, which they start themselves, as a
# throwaway cluster in a temporary directory.
ensure_test_packages() {
    ensure_build_packages
    ensure_packages postgresql
}
