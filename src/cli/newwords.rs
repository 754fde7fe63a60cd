//! `zhtext newwords`: candidate words from character n-grams — frequent,
//! cohesive, free at both ends, not in the segmenter's dictionary
//! (src/stats/newwords.rs) — as a ranked table and a jieba user dictionary
//! for `--dict`.

use super::args::{length_range, InputArgs, OutputArgs, SegmentArgs};
use crate::corpus::Document;
use crate::dtm::filter::{FilterOptions, TermFilter};
use crate::error::{Error, Result};
use crate::io;
use crate::stats::newwords::{find_new_words, NewWord, NewWordOptions};
use clap::Args;
use polars::prelude::*;

/// The user dictionary written beside the table.
pub const DICT_FILE: &str = "newwords.dict.txt";

#[derive(Debug, Args)]
pub struct NewwordsCmd {
    #[command(flatten)]
    input: InputArgs,
    /// The dictionary whose words are not new (jieba's, the lexicon, --dict)
    #[command(flatten)]
    segment: SegmentArgs,
    /// Candidate length in characters, MIN-MAX
    #[arg(long, value_name = "MIN-MAX", default_value = "2-6")]
    length: String,
    /// Occurrences at least
    #[arg(long, value_name = "N", default_value_t = 5)]
    min_count: u64,
    /// Cohesion at least: the PMI (bits) of the candidate's weakest split
    #[arg(long, value_name = "BITS", default_value_t = 5.0)]
    min_cohesion: f64,
    /// Freedom at least: the smaller of the left and right branching
    /// entropies (bits)
    #[arg(long, value_name = "BITS", default_value_t = 1.0)]
    min_entropy: f64,
    /// A stopword list to add to the bundled one (a candidate neither begins
    /// nor ends with a stopword). Repeatable
    #[arg(long, value_name = "FILE")]
    stopwords: Vec<std::path::PathBuf>,
    /// Words written to the dictionary (the table has every candidate)
    #[arg(long, value_name = "N", default_value_t = 100)]
    top: usize,
    #[command(flatten)]
    output: OutputArgs,
}

impl NewwordsCmd {
    pub fn run(&self) -> Result<()> {
        let (min_len, max_len) = length_range(&self.length, "--length", 2..=12)?;
        if self.min_count == 0 {
            return Err(Error::BadOption("--min-count 0: give at least 1".into()));
        }
        let segmenter = self.segment.segmenter()?;
        let docs = self.input.documents()?;
        let selected: Vec<&Document> = self.input.selected(&docs);
        let texts: Vec<String> = selected.iter().map(|d| d.paragraphs.join("\n")).collect();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let opts = NewWordOptions {
            min_len,
            max_len,
            min_count: self.min_count,
            min_cohesion: self.min_cohesion,
            min_entropy: self.min_entropy,
        };
        // Not new: a word of the dictionary, or a string that begins or ends
        // with a stopword (也是, 我们将, 面临的 are phrases, not words).
        let filter = TermFilter::new(&FilterOptions { extra_stopwords: self.stopwords.clone(), ..Default::default() })?;
        let edges_stop =
            |w: &str| w.char_indices().skip(1).any(|(i, _)| filter.is_stopword(&w[..i]) || filter.is_stopword(&w[i..]));
        let words = find_new_words(&texts, &|w| segmenter.contains(w) || edges_stop(w), &opts);
        let freqs: Vec<usize> = words.iter().map(|w| segmenter.suggest_freq(&w.word)).collect();

        let dir = &self.output.output;
        io::create_dir(dir)?;
        let mut table = newwords_table(&words, &freqs)?;
        io::write_table(dir, "newwords", &mut table, &self.output.write_options())?;
        let mut dict = String::from(
            "# New words found by `zhtext newwords`: word, frequency (just enough to keep it whole), tag.\n\
             # Check them, delete what is not a word, and pass this file to --dict.\n",
        );
        for (w, f) in words.iter().zip(&freqs).take(self.top) {
            dict.push_str(&format!("{} {f} nz\n", w.word));
        }
        io::write_atomic(&dir.join(DICT_FILE), |out| std::io::Write::write_all(out, dict.as_bytes()))?;
        eprintln!(
            "{} documents; {} candidate words ({}–{} characters, ≥ {} times, cohesion ≥ {} bits, entropy ≥ {} bits) not in the dictionary",
            selected.len(),
            words.len(),
            min_len,
            max_len,
            self.min_count,
            self.min_cohesion,
            self.min_entropy
        );
        if words.is_empty() {
            eprintln!("no candidate; try a lower --min-count, --min-cohesion or --min-entropy");
        }
        eprintln!(
            "written in {}: newwords table, {DICT_FILE} ({} words; use it with --dict)",
            dir.display(),
            words.len().min(self.top)
        );
        Ok(())
    }
}

/// The newwords table: rank, word, chars, n, docs, cohesion, left and right
/// entropy, freedom (the smaller entropy), and the dictionary frequency.
fn newwords_table(words: &[NewWord], freqs: &[usize]) -> Result<DataFrame> {
    let float = |name: &str, f: fn(&NewWord) -> f64| Column::new(name.into(), words.iter().map(f).collect::<Vec<_>>());
    DataFrame::new(
        words.len(),
        vec![
            Column::new("rank".into(), (1..=words.len() as u32).collect::<Vec<_>>()),
            Column::new("word".into(), words.iter().map(|w| w.word.as_str()).collect::<Vec<_>>()),
            Column::new("chars".into(), words.iter().map(|w| w.word.chars().count() as u32).collect::<Vec<_>>()),
            Column::new("n".into(), words.iter().map(|w| w.count).collect::<Vec<_>>()),
            Column::new("docs".into(), words.iter().map(|w| w.docs).collect::<Vec<_>>()),
            float("cohesion", |w| w.cohesion),
            float("left_entropy", |w| w.left_entropy),
            float("right_entropy", |w| w.right_entropy),
            float("freedom", NewWord::freedom),
            Column::new("dict_freq".into(), freqs.iter().map(|&f| f as u64).collect::<Vec<_>>()),
        ],
    )
    .map_err(|source| Error::Table { table: "newwords".into(), source })
}
