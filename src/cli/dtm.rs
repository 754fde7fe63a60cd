//! `zhtext dtm`: the term-document matrix as the `dtm` and `vocabulary`
//! tables, and in Matrix Market form (`dtm.mtx`, `docs.csv`, `terms.csv`).

use super::args::{CountArgs, OutputArgs};
use crate::corpus::Document;
use crate::error::Result;
use crate::io;
use clap::Args;

/// Rows of the `dtm` table written at a time.
const BATCH_ROWS: usize = 1 << 18;

#[derive(Debug, Args)]
pub struct DtmCmd {
    #[command(flatten)]
    count: CountArgs,
    #[command(flatten)]
    output: OutputArgs,
}

impl DtmCmd {
    pub fn run(&self) -> Result<()> {
        let counts = self.count.count()?;
        let matrix = &counts.dtm;
        let dir = &self.output.output;
        let mut vocabulary = matrix.vocabulary_frame()?;
        io::create_dir(dir)?;
        let opts = self.output.write_options();
        io::write_table_batches(dir, "dtm", &opts, matrix.frames(BATCH_ROWS))?;
        io::write_table(dir, "vocabulary", &mut vocabulary, &opts)?;
        let doc_refs: Vec<&Document> = counts.docs.iter().collect();
        matrix.write_matrix_market(dir, &doc_refs)?;
        say!(
            "documents: {} ({} copies left out)\ntokens: {} segmented, {} kept as terms after stopwords and filters\nterms: {} distinct, {} after pruning; matrix {} x {}, {} non-zero, total count {}",
            counts.docs.len(),
            counts.n_all - counts.docs.len(),
            counts.tokens,
            counts.kept,
            counts.terms_before,
            matrix.n_terms(),
            matrix.n_docs(),
            matrix.n_terms(),
            matrix.nnz(),
            matrix.total()
        );
        say!(
            "tables: {0}/dtm.csv, {0}/vocabulary.csv (and .parquet); {0}/dtm.mtx with {0}/docs.csv and {0}/terms.csv",
            dir.display()
        );
        Ok(())
    }
}
