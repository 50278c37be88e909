# Shared by the benchmark scripts: messages and the one prerequisite they all need.
say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { echo "${0##*/}: $*" >&2; exit 1; }
command -v python3 >/dev/null || die "python3 is required"
