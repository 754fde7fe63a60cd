//! `zhtext newwords`: candidate words from character n-grams — frequent,
//! cohesive, free at both ends, not in the segmenter's dictionary
//! (src/stats/newwords.rs) — as a ranked table and a jieba user dictionary
//! for `--dict`.

use super::args::{length_range, InputArgs, OutputArgs, SegmentArgs};
use crate::corpus::Document;
use crate::dtm::filter::{FilterOptions, TermFilter};
use crate::error::{Error, Result};
use crate::io;
use crate::segment::Segmenter;
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
        let mut segmenter = self.segment.own_segmenter()?;
        let docs = self.segment.run(|| self.input.documents())?;
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
        let (freqs, still_cut) = dictionary_freqs(&mut segmenter, &words, &texts);

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
        say!(
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
            say!("no candidate; try a lower --min-count, --min-cohesion or --min-entropy");
        }
        if !still_cut.is_empty() {
            say!(
                "note: {} words are still cut in some of their contexts with the dictionary: {}",
                still_cut.len(),
                still_cut.join(" ")
            );
        }
        say!(
            "written in {}: newwords table, {DICT_FILE} ({} words; use it with --dict)",
            dir.display(),
            words.len().min(self.top)
        );
        Ok(())
    }
}

/// Dictionary frequencies that keep each word whole where the corpus has it:
/// first jieba's `suggest_freq` (enough to beat the word's own split), then
/// doubled, up to 10 times, while jieba still puts a token boundary inside it
/// in one of its first 20 contexts (±8 characters) — a neighbour can pull a
/// character away (进行第十一次 → 进行/第十一次). Inside a longer dictionary
/// word (命运共同体 in 人类命运共同体) it is whole. Returns the frequencies and
/// the words still cut.
fn dictionary_freqs(segmenter: &mut Segmenter, words: &[NewWord], texts: &[&str]) -> (Vec<usize>, Vec<String>) {
    const TAG: &str = "nz";
    let mut freqs: Vec<usize> = words.iter().map(|w| segmenter.suggest_freq(&w.word)).collect();
    for (w, &f) in words.iter().zip(&freqs) {
        segmenter.add_word(&w.word, f, TAG);
    }
    let contexts: Vec<Vec<(String, usize)>> = words.iter().map(|w| contexts_of(&w.word, texts, 20, 8)).collect();
    let is_cut = |seg: &Segmenter, i: usize| {
        let len = words[i].word.len();
        contexts[i].iter().any(|(text, start)| {
            let mut end = 0;
            seg.tag(text).iter().any(|(token, _)| {
                end += token.len();
                *start < end && end < start + len
            })
        })
    };
    for _ in 0..10 {
        let cut: Vec<usize> = (0..words.len()).filter(|&i| is_cut(segmenter, i)).collect();
        if cut.is_empty() {
            break;
        }
        for i in cut {
            freqs[i] = freqs[i].saturating_mul(2);
            segmenter.add_word(&words[i].word, freqs[i], TAG);
        }
    }
    let still_cut = (0..words.len()).filter(|&i| is_cut(segmenter, i)).map(|i| words[i].word.clone()).collect();
    (freqs, still_cut)
}

/// Up to `max` occurrences of `word` in `texts`, each with `pad` characters
/// either side, and the byte offset of the word in it.
fn contexts_of(word: &str, texts: &[&str], max: usize, pad: usize) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    for text in texts {
        for (at, _) in text.match_indices(word) {
            let before: String = text[..at].chars().rev().take(pad).collect::<Vec<_>>().into_iter().rev().collect();
            let after: String = text[at + word.len()..].chars().take(pad).collect();
            out.push((format!("{before}{word}{after}"), before.len()));
            if out.len() == max {
                return out;
            }
        }
    }
    out
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
