//! The `zhtext` command-line program: parse the arguments, hand over to `cli`.

fn main() -> std::process::ExitCode {
    zhtext::cli::main()
}
