//! The one error type of the library. Every message names the file (and line
//! where there is one), says what is wrong and what to do about it.

use std::path::PathBuf;

/// An error that stops a run. Its `Display` is the one-line message the
/// command-line program prints after `zhtext: error: `.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A path given on the command line does not exist.
    #[error("{0}: no such file or folder; check the path (it is taken relative to the current folder)")]
    NotFound(PathBuf),

    /// A file could not be read or decoded (binary, bad encoding, unreadable).
    #[error("{path}: {reason}; {hint}")]
    Unreadable { path: String, reason: String, hint: String },

    /// A line of an input file is malformed (CSV, JSONL, dictionary, metadata).
    #[error("{path}:{line}: {reason}; {hint}")]
    BadLine { path: String, line: usize, reason: String, hint: String },

    /// Nothing usable was found in the inputs.
    #[error("{0}")]
    NoInput(String),

    /// A command-line option has a value that cannot be used.
    #[error("{0}")]
    BadOption(String),

    /// Writing an output file failed.
    #[error("{path}: cannot write: {source}")]
    Write {
        path: String,
        #[source]
        source: std::io::Error,
    },

    /// polars failed while building or writing a table.
    #[error("table {table}: {source}")]
    Table {
        table: String,
        #[source]
        source: polars::error::PolarsError,
    },
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
