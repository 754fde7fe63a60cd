//! `zhtext dtm`: the term-document matrix as the `dtm` and `vocabulary`
//! tables, and in Matrix Market form (`dtm.mtx`, `docs.csv`, `terms.csv`).

use super::args::{FilterArgs, InputArgs, OutputArgs, SegmentArgs};
use crate::corpus::Document;
use crate::dtm;
use crate::error::Result;
use crate::io;
use clap::Args;

/// Rows of the `dtm` table written at a time.
const BATCH_ROWS: usize = 1 << 18;

#[derive(Debug, Args)]
pub struct DtmCmd {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    segment: SegmentArgs,
    #[command(flatten)]
    filter: FilterArgs,
    #[command(flatten)]
    output: OutputArgs,
}

impl DtmCmd {
    pub fn run(&self) -> Result<()> {
        let filter = self.filter.filter()?;
        let segmenter = self.segment.segmenter()?;
        // Everything runs on the --threads pool; the documents' text is
        // dropped once counted, keeping their metadata for docs.csv.
        let (counted, docs, n_all) = self.segment.run(|| {
            let mut docs = self.input.documents()?;
            let n_all = docs.len();
            if !self.input.keep_duplicates {
                docs.retain(|d| d.duplicate_of.is_empty());
            }
            let bar = super::progress_bar("segmenting", "documents");
            bar.set_length(docs.len() as u64);
            let (counted, meta) = dtm::count_documents_owned(docs, &segmenter, &filter, &|n| bar.inc(n as u64));
            bar.finish_and_clear();
            Ok((counted, meta, n_all))
        })?;
        let kept = counted.dtm.total();
        let terms_before = counted.dtm.n_terms();
        let matrix = counted.dtm.prune(self.filter.prune())?;
        let dir = &self.output.output;
        let mut vocabulary = matrix.vocabulary_frame()?;
        io::create_dir(dir)?;
        let opts = self.output.write_options();
        io::write_table_batches(dir, "dtm", &opts, matrix.frames(BATCH_ROWS))?;
        io::write_table(dir, "vocabulary", &mut vocabulary, &opts)?;
        let doc_refs: Vec<&Document> = docs.iter().collect();
        matrix.write_matrix_market(dir, &doc_refs)?;
        eprintln!(
            "documents: {} ({} copies left out)\ntokens: {} segmented, {} kept as terms after stopwords and filters\nterms: {} distinct, {} after pruning; matrix {} x {}, {} non-zero, total count {}",
            docs.len(),
            n_all - docs.len(),
            counted.tokens,
            kept,
            terms_before,
            matrix.n_terms(),
            matrix.n_docs(),
            matrix.n_terms(),
            matrix.nnz(),
            matrix.total()
        );
        eprintln!(
            "tables: {0}/dtm.csv, {0}/vocabulary.csv (and .parquet); {0}/dtm.mtx with {0}/docs.csv and {0}/terms.csv",
            dir.display()
        );
        Ok(())
    }
}
