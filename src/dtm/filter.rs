//! Which tokens count as terms: stopwords (the bundled list, user lists, and
//! by rule every token of only punctuation, symbols or whitespace), numbers
//! (dropped unless kept), and an optional POS filter.

use crate::corpus::read::read_user_file;
use crate::error::{Error, Result};
use crate::segment::POS_TAGS;
use std::collections::HashSet;
use std::path::PathBuf;

/// The bundled stopword list.
pub const STOPWORDS: &str = include_str!("../../data/stopwords.txt");

/// How tokens are filtered into terms.
#[derive(Debug, Clone)]
pub struct FilterOptions {
    /// Apply stopwords (the bundled list, `extra_stopwords`, punctuation).
    pub stopwords: bool,
    /// Stopword files added to the bundled list.
    pub extra_stopwords: Vec<PathBuf>,
    /// Keep only tokens whose tag matches one of these (`n`, `vn`, or a
    /// prefix ending in `*`: `n*`).
    pub pos: Option<Vec<String>>,
    /// Keep numbers (`2023`, `3.5%`, `十四`).
    pub keep_numbers: bool,
}

impl Default for FilterOptions {
    fn default() -> Self {
        FilterOptions { stopwords: true, extra_stopwords: Vec::new(), pos: None, keep_numbers: false }
    }
}

/// A compiled filter.
#[derive(Debug, Clone)]
pub struct TermFilter {
    stopwords: Option<HashSet<String>>,
    pos: Option<Vec<(String, bool)>>,
    keep_numbers: bool,
}

/// Parses a stopword list: one word a line, `#` comments, BOM and CRLF
/// tolerated.
pub fn parse_stopwords(text: &str) -> impl Iterator<Item = String> + '_ {
    text.trim_start_matches('\u{feff}')
        .lines()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
}

impl TermFilter {
    pub fn new(opts: &FilterOptions) -> Result<TermFilter> {
        let stopwords = if opts.stopwords {
            let mut set: HashSet<String> = parse_stopwords(STOPWORDS).collect();
            for path in &opts.extra_stopwords {
                let (text, _) = read_user_file(path, "the stopword list", "--stopwords")?;
                set.extend(parse_stopwords(&text));
            }
            Some(set)
        } else {
            None
        };
        let pos = match &opts.pos {
            None => None,
            Some(list) => {
                let mut patterns = Vec::new();
                for raw in list {
                    let p = raw.trim();
                    let (stem, prefix) = match p.strip_suffix('*') {
                        Some(stem) => (stem, true),
                        None => (p, false),
                    };
                    let known =
                        if prefix { POS_TAGS.iter().any(|t| t.starts_with(stem)) } else { POS_TAGS.contains(&stem) };
                    if stem.is_empty() || !known {
                        return Err(Error::BadOption(format!(
                            "--pos {p}: unknown POS tag; jieba's tags are {} (add * for a prefix: n*)",
                            POS_TAGS.join(" ")
                        )));
                    }
                    patterns.push((stem.to_string(), prefix));
                }
                Some(patterns)
            }
        };
        Ok(TermFilter { stopwords, pos, keep_numbers: opts.keep_numbers })
    }

    /// Is `term` on the stopword list (none with stopwords turned off)?
    pub fn is_stopword(&self, term: &str) -> bool {
        self.stopwords.as_ref().is_some_and(|s| s.contains(term))
    }

    /// Does the token `term` with POS `tag` count as a term?
    pub fn keep(&self, term: &str, tag: &str) -> bool {
        if let Some(stop) = &self.stopwords {
            if is_punctuation_or_space(term) || stop.contains(term) {
                return false;
            }
        }
        if !self.keep_numbers && is_number(term) {
            return false;
        }
        match &self.pos {
            None => true,
            Some(patterns) => {
                patterns.iter().any(|(p, prefix)| if *prefix { tag.starts_with(p.as_str()) } else { tag == p })
            }
        }
    }
}

/// Only punctuation, symbols or whitespace.
pub fn is_punctuation_or_space(term: &str) -> bool {
    term.chars().all(|c| !c.is_alphanumeric())
}

/// A number: ASCII digits, Chinese numerals and number punctuation only, with
/// at least one digit or numeral (`2023`, `3.5%`, `1,000`, `十四`, `二〇三五`).
pub fn is_number(term: &str) -> bool {
    const NUMERALS: &str = "〇零一二三四五六七八九十百千万亿两";
    let mut digits = 0;
    for c in term.chars() {
        if c.is_ascii_digit() || NUMERALS.contains(c) {
            digits += 1;
        } else if !matches!(c, '.' | ',' | '%' | '‰' | '-' | '+' | '．' | '％') {
            return false;
        }
    }
    digits > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopwords_numbers_and_pos() {
        let f = TermFilter::new(&FilterOptions::default()).unwrap();
        assert!(!f.keep("的", "uj"));
        assert!(!f.keep("，", "x"));
        assert!(!f.keep(" ", "x"));
        assert!(!f.keep("2023", "m"));
        assert!(!f.keep("3.5%", "m"));
        assert!(f.keep("党", "n"), "single characters are words");
        assert!(f.keep("中国式现代化", "nz"));
        let f =
            TermFilter::new(&FilterOptions { pos: Some(vec!["n*".into(), "v".into()]), ..Default::default() }).unwrap();
        assert!(f.keep("中国式现代化", "nz"));
        assert!(f.keep("推进", "v"));
        assert!(!f.keep("推进", "vn"));
        assert!(!f.keep("美丽", "a"));
        let e = TermFilter::new(&FilterOptions { pos: Some(vec!["noun".into()]), ..Default::default() }).unwrap_err();
        assert!(e.to_string().starts_with("--pos noun: unknown POS tag"), "{e}");
    }

    #[test]
    fn numbers() {
        for n in ["2023", "3.5", "1,000", "40%", "十四", "二〇三五"] {
            assert!(is_number(n), "{n}");
        }
        for n in ["B-25", "第一", "两国", "G20"] {
            assert!(!is_number(n), "{n}");
        }
    }

    #[test]
    fn bundled_list_has_no_content_words() {
        let list: Vec<String> = parse_stopwords(STOPWORDS).collect();
        assert_eq!(list.len(), 288);
        for w in ["党", "国", "治", "民", "法", "发展", "人民", "中国"] {
            assert!(!list.contains(&w.to_string()), "{w}");
        }
    }
}
