//! `zhtext kwic`: every occurrence of a term with its context, the
//! document's title and date; aligned text on the terminal, a table with -o.

use super::args::{InputArgs, SegmentArgs};
use crate::error::{Error, Result};
use crate::{io, kwic};
use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct KwicCmd {
    /// The term to look for
    #[arg(value_name = "TERM")]
    term: String,
    #[command(flatten)]
    input: InputArgs,
    /// Characters of context on each side
    #[arg(long, value_name = "N", default_value_t = 20)]
    width: usize,
    /// Match whole tokens only (segmenting the text), not every occurrence
    /// of the characters
    #[arg(long)]
    token: bool,
    #[command(flatten)]
    segment: SegmentArgs,
    /// Write the hits as the `kwic` table in this folder instead of printing them
    #[arg(short, long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Write CSV with a UTF-8 BOM, so that Excel shows Chinese
    #[arg(long)]
    excel: bool,
    /// Table formats to write with -o, comma-separated: csv, parquet, md, tex
    #[arg(long, value_enum, value_delimiter = ',', default_value = "csv,parquet")]
    format: Vec<io::Format>,
}

impl KwicCmd {
    pub fn run(&self) -> Result<()> {
        if self.term.trim().is_empty() {
            return Err(Error::BadOption("kwic: the term is empty; give the word to look for".into()));
        }
        let segmenter = if self.token { Some(self.segment.segmenter()?) } else { None };
        let (hits, n_docs, n_all) = self.segment.run(|| {
            let all = self.input.documents()?;
            let docs = self.input.selected(&all);
            let hits = match &segmenter {
                Some(seg) => kwic::find_tokens(&docs, &self.term, self.width, seg),
                None => kwic::find(&docs, &self.term, self.width),
            };
            Ok((hits, docs.len(), all.len()))
        })?;
        let in_docs = hits.iter().map(|h| h.doc_id.as_str()).collect::<std::collections::BTreeSet<_>>().len();
        match &self.output {
            Some(dir) => {
                let mut table = kwic::frame(&hits)?;
                io::create_dir(dir)?;
                io::write_table(
                    dir,
                    "kwic",
                    &mut table,
                    &io::WriteOptions { excel: self.excel, formats: self.format.clone() },
                )?;
                say!("table: {}/kwic.csv (and .parquet)", dir.display());
            }
            None => print!("{}", kwic::aligned(&hits, self.width)),
        }
        say!(
            "{}: {} occurrences in {} of {} documents{}",
            self.term,
            hits.len(),
            in_docs,
            n_docs,
            if n_all > n_docs { format!(" ({} copies left out)", n_all - n_docs) } else { String::new() }
        );
        Ok(())
    }
}
