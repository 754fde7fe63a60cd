//! Segmentation: jieba-rs with a bundled lexicon of political formulations
//! and user dictionaries, POS tags kept, sentences numbered.
//!
//! One [`Segmenter`] (one `Jieba`) is built per run and shared by the rayon
//! threads that segment documents in parallel; the output is in document
//! order whatever the thread count.

pub mod dict;

use crate::corpus::chars::{is_closing, is_sentence_end};
use crate::corpus::Document;
use crate::error::{Error, Result};
use dict::DictEntry;
use jieba_rs::Jieba;
use std::path::PathBuf;

/// The bundled lexicon (jieba dictionary format: word, frequency, tag).
pub const LEXICON: &str = include_str!("../../data/lexicon.txt");

/// How to segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentOptions {
    /// Use jieba's HMM for words not in the dictionary.
    pub hmm: bool,
    /// Load the bundled lexicon of political terms.
    pub lexicon: bool,
    /// User dictionaries, loaded after the lexicon (their entries win).
    pub dicts: Vec<PathBuf>,
}

impl Default for SegmentOptions {
    fn default() -> Self {
        SegmentOptions { hmm: true, lexicon: true, dicts: Vec::new() }
    }
}

/// A jieba segmenter with the lexicon and user dictionaries loaded.
pub struct Segmenter {
    jieba: Jieba,
    hmm: bool,
    /// Entries loaded from the lexicon and user dictionaries.
    pub added: usize,
}

/// One token of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    /// Paragraph, 1-based within the document.
    pub para: u32,
    /// Sentence, 1-based within the document.
    pub sent: u32,
    /// Token position, 1-based within the document.
    pub idx: u32,
    pub term: &'a str,
    pub tag: &'a str,
}

impl Segmenter {
    /// Builds the segmenter: jieba's default dictionary, then the lexicon
    /// (unless turned off), then each user dictionary.
    pub fn new(opts: &SegmentOptions) -> Result<Segmenter> {
        let mut jieba = Jieba::new();
        let mut added = 0;
        if opts.lexicon {
            let entries = dict::parse(LEXICON, "data/lexicon.txt").expect("the bundled lexicon parses");
            added += add_entries(&mut jieba, &entries);
        }
        for path in &opts.dicts {
            let (text, shown) = crate::corpus::read::read_user_file(path, "the dictionary", "--dict")?;
            let entries = dict::parse(&text, &shown)?;
            added += add_entries(&mut jieba, &entries);
        }
        Ok(Segmenter { jieba, hmm: opts.hmm, added })
    }

    /// Words and POS tags of a piece of text.
    pub fn tag<'a>(&'a self, text: &'a str) -> Vec<(&'a str, &'a str)> {
        self.jieba.tag(text, self.hmm).into_iter().map(|t| (t.word, t.tag)).collect()
    }

    /// Adds (or re-weights) one dictionary word.
    pub fn add_word(&mut self, word: &str, freq: usize, tag: &str) {
        self.jieba.add_word(word, Some(freq), Some(tag));
    }

    /// Is `word` in the segmenter's dictionary (jieba's, the lexicon or a
    /// user dictionary)?
    pub fn contains(&self, word: &str) -> bool {
        self.jieba.has_word(word)
    }

    /// The dictionary frequency `word` needs to beat the best split of its own
    /// characters (jieba's `suggest_freq`).
    pub fn suggest_freq(&self, word: &str) -> usize {
        self.jieba.suggest_freq(word)
    }

    /// Segments a document paragraph by paragraph and numbers sentences: a
    /// sentence ends after 。！？；… (or their ASCII forms !?;) and any
    /// closing quotes after them, and at the end of a paragraph.
    pub fn tokens<'a>(&'a self, doc: &'a Document) -> Vec<Token<'a>> {
        let mut out = Vec::new();
        let mut sent = 1u32;
        let mut idx = 0u32;
        for (p, para) in doc.paragraphs.iter().enumerate() {
            let mut ended = false;
            let mut any = false;
            for (term, tag) in self.tag(para) {
                let closing = term.chars().all(is_closing);
                if ended && !closing {
                    sent += 1;
                    ended = false;
                }
                idx += 1;
                any = true;
                out.push(Token { para: p as u32 + 1, sent, idx, term, tag });
                if ends_sentence(term) {
                    ended = true;
                }
            }
            if any {
                sent += 1;
            }
        }
        out
    }
}

/// A token that ends a sentence: `。`, `！`, `？`, `；`, `…`, `……`, and
/// the ASCII `!`, `?`, `;`, `.` (a token of punctuation only, so `3.5` does
/// not end one).
pub fn ends_sentence(term: &str) -> bool {
    !term.is_empty() && term.chars().all(|c| is_sentence_end(c) || c == '.')
}

/// Adds dictionary entries; an entry without frequency gets jieba's
/// suggested frequency (just enough to keep the word whole).
fn add_entries(jieba: &mut Jieba, entries: &[DictEntry]) -> usize {
    for e in entries {
        jieba.add_word(&e.word, e.freq, e.tag.as_deref());
    }
    entries.len()
}

/// POS tags jieba uses (its dictionary's tag set, ICTCLAS-style, plus `eng`,
/// `x` for non-words and `m` for numbers), for checking `--pos`.
pub const POS_TAGS: &[&str] = &[
    "a", "ad", "ag", "an", "b", "bg", "c", "d", "df", "dg", "e", "eng", "f", "g", "h", "i", "j", "k", "l", "m", "mg",
    "mq", "n", "ng", "nr", "nrfg", "nrt", "ns", "nt", "nz", "o", "p", "q", "qe", "qg", "r", "rg", "rr", "rz", "s", "t",
    "tg", "u", "ud", "ug", "uj", "ul", "uv", "uz", "v", "vd", "vg", "vi", "vn", "vq", "x", "y", "yg", "z", "zg",
];

/// The `tokens` table: doc_id, para, sent, idx, term, tag — documents in the
/// order given, tokens in text order. Documents are segmented in parallel.
pub fn tokens_frame(docs: &[&Document], segmenter: &Segmenter) -> Result<polars::prelude::DataFrame> {
    use polars::prelude::*;
    use rayon::prelude::*;
    let per_doc: Vec<Vec<Token>> = docs.par_iter().map(|d| segmenter.tokens(d)).collect();
    let n: usize = per_doc.iter().map(Vec::len).sum();
    let mut doc_id = Vec::with_capacity(n);
    let (mut para, mut sent, mut idx) = (Vec::with_capacity(n), Vec::with_capacity(n), Vec::with_capacity(n));
    let (mut term, mut tag) = (Vec::with_capacity(n), Vec::with_capacity(n));
    for (d, tokens) in docs.iter().zip(&per_doc) {
        for t in tokens {
            doc_id.push(d.doc_id.as_str());
            para.push(t.para);
            sent.push(t.sent);
            idx.push(t.idx);
            term.push(t.term);
            tag.push(t.tag);
        }
    }
    DataFrame::new(
        n,
        vec![
            Column::new("doc_id".into(), doc_id),
            Column::new("para".into(), para),
            Column::new("sent".into(), sent),
            Column::new("idx".into(), idx),
            Column::new("term".into(), term),
            Column::new("tag".into(), tag),
        ],
    )
    .map_err(|source| Error::Table { table: "tokens".into(), source })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lexicon_entry_is_one_token() {
        let entries = dict::parse(LEXICON, "data/lexicon.txt").unwrap();
        assert!(entries.len() >= 300);
        for hmm in [true, false] {
            let seg = Segmenter::new(&SegmentOptions { hmm, ..Default::default() }).unwrap();
            for e in &entries {
                let words: Vec<&str> = seg.tag(&e.word).into_iter().map(|(w, _)| w).collect();
                assert_eq!(words, [e.word.as_str()], "hmm {hmm}");
            }
        }
    }

    #[test]
    fn sentence_ends() {
        for t in ["。", "！", "？", "；", "…", "……", "!", "?", ";", "."] {
            assert!(ends_sentence(t), "{t}");
        }
        for t in ["，", "3.5", "...x", "发展", "”"] {
            assert!(!ends_sentence(t), "{t}");
        }
    }
}
