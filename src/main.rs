//! The `confide` command: everything lives in the library so tests run the same code.

fn main() -> std::process::ExitCode {
    confide::memory::return_large_blocks();
    confide::cli::main()
}
