//! The command-line program: one file per subcommand, shared argument groups
//! in `args`.

mod args;
mod ingest;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// zhtext — statistical analysis of Chinese political text.
#[derive(Debug, Parser)]
#[command(name = "zhtext", version, about, long_about = None, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Read files and folders into clean, dated, de-duplicated documents
    /// (tables: documents, paragraphs, dropped).
    Ingest(ingest::IngestCmd),
}

/// Runs the program; errors are printed as one line on stderr.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Ingest(cmd) => cmd.run(),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("zhtext: error: {e}");
            ExitCode::from(2)
        }
    }
}
