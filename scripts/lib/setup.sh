# Shared set-up for scripts/run, scripts/test and friends.

# Release builds link the Swift runtime and Foundation into the executable: resolving their
# symbols in shared libraries at every start was half of dashell's start-up instructions
# (SPEC §9 allows 30 ms). Every release build must use the same flags, or each rebuilds all.
release_flags=(-c release --static-swift-stdlib)

# libedit's headers come from Debian's libedit-dev; a fresh machine has only libedit2.
ensure_libedit() {
    if ! dpkg -s libedit-dev >/dev/null 2>&1; then
        echo "Installing libedit-dev…" >&2
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libedit-dev >/dev/null
    fi
}
