//! `zhtext tokens`: the `tokens` table (doc_id, para, sent, idx, term, tag).

use super::args::{InputArgs, OutputArgs, SegmentArgs};
use crate::error::Result;
use crate::{io, segment};
use clap::Args;

#[derive(Debug, Args)]
pub struct TokensCmd {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    segment: SegmentArgs,
    #[command(flatten)]
    output: OutputArgs,
}

impl TokensCmd {
    pub fn run(&self) -> Result<()> {
        let segmenter = self.segment.segmenter()?;
        let (mut tokens, n_docs, n_all) = self.segment.run(|| {
            let all = self.input.documents()?;
            let docs = self.input.selected(&all);
            Ok((segment::tokens_frame(&docs, &segmenter)?, docs.len(), all.len()))
        })?;
        let dir = &self.output.output;
        io::create_dir(dir)?;
        // Counted before writing: write_table hands the table's columns over.
        let n_tokens = tokens.height();
        io::write_table(dir, "tokens", &mut tokens, &self.output.write_options())?;
        say!(
            "tokens: {} from {} documents ({} copies left out){}",
            n_tokens,
            n_docs,
            n_all - n_docs,
            if segmenter.added > 0 {
                format!("; {} lexicon/dictionary entries loaded", segmenter.added)
            } else {
                String::new()
            }
        );
        say!("table: {}/tokens.csv (and .parquet)", dir.display());
        Ok(())
    }
}
