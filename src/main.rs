//! The `portcullis` command: parses arguments and calls the library (`portcullis::cli`).

use std::process::ExitCode;

use clap::Parser;

/// mimalloc rather than glibc's malloc: a request allocates and frees many small objects
/// across the runtime's threads, where glibc's locking arenas cost a sixth of the CPU of an
/// authenticated GET (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc keeps freed memory for 10 ms and commits its arenas eagerly by default; both
/// raise resident memory for no gain here (measured: a login phase's peak 90 MiB with the
/// defaults, 68 MiB without). The arena option must be set before the first allocation makes
/// the arena, so this runs as an ELF constructor, before Rust's runtime allocates anything.
/// Option numbers are mimalloc 2.x's `mi_option_e` (the crate names only some of them).
#[allow(unsafe_code)]
#[used]
#[link_section = ".init_array"]
static TUNE_ALLOCATOR: extern "C" fn() = {
    extern "C" fn tune() {
        const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
        const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
        // SAFETY: plain stores into mimalloc's option table, before any thread exists.
        #[allow(unsafe_code)]
        unsafe {
            libmimalloc_sys::mi_option_set(ARENA_EAGER_COMMIT, 0);
            libmimalloc_sys::mi_option_set(PURGE_DELAY, 0);
        }
    }
    tune
};

fn main() -> ExitCode {
    portcullis::cli::main(portcullis::cli::Cli::parse())
}
