//! Term frequencies: top terms overall and by group, time series of chosen
//! terms or themes with exact Poisson confidence intervals, and theme
//! dictionaries.
//!
//! Rates are per 10,000 words: a group's words are its word tokens (every
//! token with a letter or digit, stopwords included, punctuation not), so a
//! rate does not move when the stopword list changes. The 95% interval of a
//! rate is the exact (Garwood) Poisson interval of its count, scaled the same
//! way.

use super::dist::poisson_ci95;
use crate::dtm::Dtm;
use crate::error::{Error, Result};

/// Rates are per this many words.
pub const PER: f64 = 10_000.0;

/// A term's frequency in a group of documents.
#[derive(Debug, Clone, PartialEq)]
pub struct TermFreq {
    pub term: u32,
    pub n: u64,
    pub docs: u32,
    pub rate: f64,
}

/// The `top` most frequent terms among documents `rows` (0: all), most
/// frequent first, ties by term; and the group's word count.
pub fn top_terms(dtm: &Dtm, words: &[u64], rows: &[usize], top: usize) -> (u64, Vec<TermFreq>) {
    let mut n = vec![0u64; dtm.n_terms()];
    let mut docs = vec![0u32; dtm.n_terms()];
    let mut total = 0;
    for &d in rows {
        total += words[d];
        for (t, c) in dtm.row(d) {
            n[t as usize] += c as u64;
            docs[t as usize] += 1;
        }
    }
    let mut out: Vec<TermFreq> = (0..dtm.n_terms())
        .filter(|&t| n[t] > 0)
        .map(|t| TermFreq { term: t as u32, n: n[t], docs: docs[t], rate: rate(n[t], total) })
        .collect();
    out.sort_by(|a, b| b.n.cmp(&a.n).then(a.term.cmp(&b.term)));
    if top > 0 {
        out.truncate(top);
    }
    (total, out)
}

fn rate(n: u64, words: u64) -> f64 {
    if words == 0 {
        0.0
    } else {
        n as f64 / words as f64 * PER
    }
}

/// One (item, group) cell of a series: `n`, `rate` and the interval are
/// `None` when the group has no documents (a gap, not a zero).
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesCell {
    pub item: usize,
    pub group: usize,
    pub n: Option<u64>,
    pub words: u64,
    pub n_docs: u32,
    /// Documents of the group in which the item occurs.
    pub docs_with: u32,
    pub rate: Option<f64>,
    pub ci: Option<(f64, f64)>,
}

/// Counts of `items` (rows of `counts[item][doc]`) per group: `group_of[d]`
/// is document d's group index (or `None`: left out), `n_groups` groups.
pub fn series(counts: &[Vec<u64>], words: &[u64], group_of: &[Option<usize>], n_groups: usize) -> Vec<SeriesCell> {
    let mut group_words = vec![0u64; n_groups];
    let mut group_docs = vec![0u32; n_groups];
    for (d, g) in group_of.iter().enumerate() {
        if let Some(g) = g {
            group_words[*g] += words[d];
            group_docs[*g] += 1;
        }
    }
    let mut out = Vec::with_capacity(counts.len() * n_groups);
    for (item, per_doc) in counts.iter().enumerate() {
        let mut n = vec![0u64; n_groups];
        let mut with = vec![0u32; n_groups];
        for (d, g) in group_of.iter().enumerate() {
            if let Some(g) = g {
                n[*g] += per_doc[d];
                with[*g] += (per_doc[d] > 0) as u32;
            }
        }
        for g in 0..n_groups {
            let present = group_docs[g] > 0;
            let scale = if group_words[g] > 0 { PER / group_words[g] as f64 } else { 0.0 };
            out.push(SeriesCell {
                item,
                group: g,
                n: present.then_some(n[g]),
                words: group_words[g],
                n_docs: group_docs[g],
                docs_with: with[g],
                rate: present.then(|| rate(n[g], group_words[g])),
                ci: present.then(|| {
                    let (lo, hi) = poisson_ci95(n[g]);
                    (lo * scale, hi * scale)
                }),
            });
        }
    }
    out
}

/// The per-document counts of one term (all zeros when it is not in the
/// vocabulary).
pub fn term_counts(dtm: &Dtm, term: &str) -> Vec<u64> {
    let mut out = vec![0u64; dtm.n_docs()];
    if let Ok(t) = dtm.terms.binary_search_by(|x| x.as_str().cmp(term)) {
        for (d, slot) in out.iter_mut().enumerate() {
            *slot = dtm.row(d).find(|(k, _)| *k as usize == t).map_or(0, |(_, n)| n as u64);
        }
    }
    out
}

/// A theme: a name and its term patterns (`*` at either end is a wildcard:
/// `*产业` ends with 产业, `改革*` starts with 改革, `*安全*` contains 安全).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub name: String,
    pub patterns: Vec<String>,
}

/// Parses a themes file: TOML, one key per theme with an array of patterns:
/// `economy = ["经济", "高质量发展", "*产业"]`.
pub fn parse_themes(text: &str, source: &str) -> Result<Vec<Theme>> {
    let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
        let (line, col) = e.span().map_or((0, 0), |s| line_col(text, s.start));
        Error::BadLine {
            path: source.into(),
            line,
            reason: format!("column {col}: {}", e.message()),
            hint: "write one theme a line: name = [\"term\", \"prefix*\", \"*suffix\"]".into(),
        }
    })?;
    let mut themes = Vec::new();
    for (name, value) in table {
        let bad = |reason: String| Error::BadLine {
            path: source.into(),
            line: text.lines().position(|l| l.trim_start().starts_with(name.as_str())).map_or(0, |i| i + 1),
            reason,
            hint: "write one theme a line: name = [\"term\", \"prefix*\", \"*suffix\"]".into(),
        };
        let list = value.as_array().ok_or_else(|| bad(format!("theme `{name}` is not a list of terms")))?;
        let mut patterns = Vec::new();
        for v in list {
            let p = v.as_str().ok_or_else(|| bad(format!("theme `{name}`: {v:?} is not a string")))?.trim();
            let core = p.strip_prefix('*').unwrap_or(p);
            let core = core.strip_suffix('*').unwrap_or(core);
            if core.is_empty() || core.contains('*') {
                return Err(bad(format!("theme `{name}`: pattern `{p}` (a `*` may stand only at either end)")));
            }
            patterns.push(p.to_string());
        }
        themes.push(Theme { name, patterns });
    }
    if themes.is_empty() {
        return Err(Error::BadLine {
            path: source.into(),
            line: 1,
            reason: "no themes".into(),
            hint: "write one theme a line: name = [\"term\"]".into(),
        });
    }
    Ok(themes)
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Does `term` match a theme pattern?
pub fn matches(pattern: &str, term: &str) -> bool {
    match (pattern.strip_prefix('*'), pattern.strip_suffix('*')) {
        (Some(rest), _) if rest.ends_with('*') => term.contains(&rest[..rest.len() - 1]),
        (Some(suffix), _) => term.ends_with(suffix),
        (None, Some(prefix)) => term.starts_with(prefix),
        (None, None) => term == pattern,
    }
}

/// Per-document counts of each theme (the sum of its matching terms).
pub fn theme_counts(dtm: &Dtm, themes: &[Theme]) -> Vec<Vec<u64>> {
    themes
        .iter()
        .map(|theme| {
            let cols: Vec<bool> = dtm.terms.iter().map(|t| theme.patterns.iter().any(|p| matches(p, t))).collect();
            (0..dtm.n_docs())
                .map(|d| dtm.row(d).filter(|(t, _)| cols[*t as usize]).map(|(_, n)| n as u64).sum())
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dtm::DtmBuilder;

    fn small() -> Dtm {
        let mut b = DtmBuilder::new();
        b.add("a", [("发展", 3u32), ("安全", 1), ("数字经济", 2)]);
        b.add("b", [("发展", 1u32), ("制造业", 4)]);
        b.add("c", [("合作", 2u32)]);
        b.finish()
    }

    #[test]
    fn top_terms_and_rates() {
        let m = small();
        let words = [100, 50, 50];
        let (total, top) = top_terms(&m, &words, &[0, 1, 2], 2);
        assert_eq!(total, 200);
        assert_eq!(m.terms[top[0].term as usize], "制造业");
        assert_eq!((top[0].n, top[0].docs), (4, 1));
        assert_eq!(top[0].rate, 4.0 / 200.0 * 10_000.0);
        assert_eq!(m.terms[top[1].term as usize], "发展");
    }

    #[test]
    fn series_has_gaps_for_empty_groups() {
        let m = small();
        let counts = vec![term_counts(&m, "发展"), term_counts(&m, "不在词表")];
        // Groups: a and b in period 0, none in period 1, c in period 2.
        let cells = series(&counts, &[100, 50, 50], &[Some(0), Some(0), Some(2)], 3);
        assert_eq!(cells.len(), 6);
        assert_eq!((cells[0].n, cells[0].words, cells[0].docs_with), (Some(4), 150, 2));
        assert_eq!(cells[1].n, None, "a period without documents is a gap");
        assert_eq!(cells[2].n, Some(0), "a period with documents but no use is 0");
        let (lo, hi) = cells[0].ci.unwrap();
        let (plo, phi) = poisson_ci95(4);
        assert!((lo - plo / 150.0 * 10_000.0).abs() < 1e-9 && (hi - phi / 150.0 * 10_000.0).abs() < 1e-9);
        assert!(cells[3..].iter().all(|c| c.n != Some(1)));
    }

    #[test]
    fn themes_with_globs() {
        let m = small();
        let themes = parse_themes("economy = [\"*经济\", \"制造*\"]\nsecurity = [\"安全\"]\n", "t.toml").unwrap();
        assert_eq!(themes[0].name, "economy");
        assert_eq!(theme_counts(&m, &themes), vec![vec![2, 4, 0], vec![1, 0, 0]]);
        assert!(matches("*安全*", "国家安全观"));
        let e = parse_themes("economy = [\"经济\"\nsecurity = 3\n", "t.toml").unwrap_err().to_string();
        assert!(e.starts_with("t.toml:"), "{e}");
        assert!(e.contains("column"), "{e}");
        let e = parse_themes("security = 3\n", "t.toml").unwrap_err().to_string();
        assert!(e.contains("t.toml:1: theme `security` is not a list"), "{e}");
    }
}
