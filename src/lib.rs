//! zhtext: statistical analysis of Chinese political text.
//!
//! The library is a chain of stages, each a function from tables to tables
//! (see DESIGN.md):
//!
//! * [`corpus`] — files to clean, dated, de-duplicated documents
//!   ([`corpus::ingest`]).
//! * [`segment`] — jieba-rs with the political lexicon: documents to tokens.
//! * [`dtm`] — tokens to the term-document matrix (CSR, polars tables,
//!   Matrix Market).
//! * [`kwic`] — keyword in context.
//! * [`stats`] — the statistics: frequencies, TF-IDF, keyness, similarity,
//!   topics, collocations, formulations, new words.
//! * [`chart`] — SVG charts.
//! * [`report`] — the report page.
//! * [`io`] — writing tables (CSV, Parquet) atomically.
//!
//! The `zhtext` binary ([`cli`]) is a thin layer over these functions.

pub mod chart;
pub mod cli;
pub mod corpus;
pub mod dtm;
pub mod error;
pub mod io;
pub mod kwic;
pub mod report;
pub mod segment;
pub mod stats;

pub use error::{Error, Result};
