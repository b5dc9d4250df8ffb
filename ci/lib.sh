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
    qemu-user qemu-user-binfmt
    gcc-aarch64-linux-gnu libc6-dev-arm64-cross
    gcc-riscv64-linux-gnu libc6-dev-riscv64-cross
    golang-go
    libclang-dev libffi-dev
)

# qemu's machine emulators for the virt boards (virt-arm64, virt-riscv64). Each is
# installed by an apt-get command of its own: asked for together, apt's resolver
# fails on their dependencies.
CI_BOARD_PACKAGES=(qemu-system-arm qemu-system-misc)

# The cross targets: stage name -> Rust target triple, GNU triple, qemu binary,
# read from the table of targets (targets/, the `rgo-targets` command).
# The GNU triple names the cross gcc (<gnu>-gcc) and the sysroot (/usr/<gnu>).
ci_cross_target() {
    ci_targets get "linux/$1" rust-triple gnu-triple emulator
}

# ci_targets ARGS...: runs `rgo-targets ARGS...` (see targets/src/main.rs),
# built with the host's rustup toolchain into target/ (as CI_TARGETS_BIN, which
# may be run directly once ci_targets has built it).
CI_TARGETS_BIN="$CI_ROOT/target/debug/rgo-targets"
ci_targets() {
    (
        unset RUSTC RUSTDOC RUSTC_BOOTSTRAP CARGO_BUILD_TARGET
        ci_prefer_rustup
        CARGO_TARGET_DIR="$CI_ROOT/target" cargo run --quiet --manifest-path "$CI_ROOT/Cargo.toml" \
            -p rgo-targets --bin rgo-targets -- "$@"
    )
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
