# Shared set-up for scripts/run, scripts/test and friends.

# libedit's headers come from Debian's libedit-dev; a fresh machine has only libedit2.
ensure_libedit() {
    if ! dpkg -s libedit-dev >/dev/null 2>&1; then
        echo "Installing libedit-dev…" >&2
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libedit-dev >/dev/null
    fi
}
