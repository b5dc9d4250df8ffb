# shellcheck shell=bash disable=SC2034  # variables are used by the scripts that source this
# ci/lib.sh: helpers shared by ci/setup and ci/test. Source it; it defines
# functions and a few variables and runs nothing.

# The repository root: the parent of the directory holding this file, so the
# scripts work from any working directory and from any clone.
CI_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# The Debian packages the tests need (see docs in ci/setup).
# The two libc6-dev-*-cross packages are only Recommends of the cross gccs; we
# install without recommends, so they are named here: they are the sysroots that
# the cross linkers link against and that `qemu-* -L /usr/<triple>` loads from.
CI_PACKAGES=(
    rustc-web cargo-web rust-web-src
    qemu-user
    gcc-aarch64-linux-gnu libc6-dev-arm64-cross
    gcc-riscv64-linux-gnu libc6-dev-riscv64-cross
    golang-go
    libclang-dev libffi-dev
)

# The cross targets: stage name -> Rust target triple, GNU triple, qemu binary.
# The GNU triple names the cross gcc (<gnu>-gcc) and the sysroot (/usr/<gnu>).
ci_cross_target() {
    case "$1" in
        arm64)   echo "aarch64-unknown-linux-gnu aarch64-linux-gnu qemu-aarch64" ;;
        riscv64) echo "riscv64gc-unknown-linux-gnu riscv64-linux-gnu qemu-riscv64" ;;
        *) return 1 ;;
    esac
}

ci_log() { printf '%s: %s\n' "${CI_SELF:-ci}" "$*" >&2; }
ci_die() { ci_log "error: $*"; exit 1; }

# True when the Debian package $1 is installed (not merely known or half-configured).
ci_pkg_installed() {
    [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = installed ]
}

# Put rustup's cargo first on PATH when it exists, so the host stage always uses
# the rustup toolchain even where /usr/bin (Debian's cargo) comes first on PATH.
ci_prefer_rustup() {
    local bin="${CARGO_HOME:-$HOME/.cargo}/bin"
    if [ -x "$bin/cargo" ]; then
        case ":$PATH:" in
            ":$bin:"*) ;;
            *) PATH="$bin:$PATH"; export PATH ;;
        esac
    fi
}
