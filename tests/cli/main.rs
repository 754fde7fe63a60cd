//! End-to-end tests: they run the `zhtext` binary, as a user would, and read
//! the tables it writes. One test binary (modules below) so the crate links
//! once.

mod analysis;
mod bad_input;
mod common;
mod ingest_seeds;
mod phrases;
mod report;
mod segment_dtm;
mod topics;
