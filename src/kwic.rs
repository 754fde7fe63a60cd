//! Keyword in context: every occurrence of a term with the characters around
//! it, in the paragraph where it occurs.

use crate::corpus::Document;
use crate::error::{Error, Result};
use crate::segment::Segmenter;
use polars::prelude::*;
use rayon::prelude::*;

/// One occurrence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub doc_id: String,
    pub title: String,
    pub date: String,
    /// Paragraph, 1-based.
    pub para: u32,
    /// Character offset of the keyword in its paragraph, 0-based.
    pub start: u32,
    pub left: String,
    pub keyword: String,
    pub right: String,
}

fn hit(doc: &Document, para: usize, chars: &[char], start: usize, len: usize, width: usize) -> Hit {
    let end = start + len;
    Hit {
        doc_id: doc.doc_id.clone(),
        title: doc.title.clone(),
        date: doc.date.clone(),
        para: para as u32 + 1,
        start: start as u32,
        left: chars[start.saturating_sub(width)..start].iter().collect(),
        keyword: chars[start..end].iter().collect(),
        right: chars[end..(end + width).min(chars.len())].iter().collect(),
    }
}

/// Every occurrence of the characters of `term` (overlapping ones too), in
/// document order.
pub fn find(docs: &[&Document], term: &str, width: usize) -> Vec<Hit> {
    let needle: Vec<char> = term.chars().collect();
    scan(docs, term, width, |_, chars| {
        (0..chars.len().saturating_sub(needle.len() - 1))
            .filter(|&s| chars[s..s + needle.len()] == needle[..])
            .collect()
    })
}

/// Every token equal to `term`, in document order.
pub fn find_tokens(docs: &[&Document], term: &str, width: usize, segmenter: &Segmenter) -> Vec<Hit> {
    scan(docs, term, width, |para, _| {
        let mut at = 0;
        let mut starts = Vec::new();
        for (word, _) in segmenter.tag(para) {
            if word == term {
                starts.push(at);
            }
            at += word.chars().count();
        }
        starts
    })
}

/// Runs `starts` (character offsets of the term in a paragraph) over every
/// paragraph that contains `term`, documents in parallel, hits in order.
fn scan(docs: &[&Document], term: &str, width: usize, starts: impl Fn(&str, &[char]) -> Vec<usize> + Sync) -> Vec<Hit> {
    let n = term.chars().count();
    let per_doc: Vec<Vec<Hit>> = docs
        .par_iter()
        .map(|doc| {
            let mut hits = Vec::new();
            for (p, para) in doc.paragraphs.iter().enumerate().filter(|(_, para)| para.contains(term)) {
                let chars: Vec<char> = para.chars().collect();
                hits.extend(starts(para, &chars).into_iter().map(|s| hit(doc, p, &chars, s, n, width)));
            }
            hits
        })
        .collect();
    per_doc.into_iter().flatten().collect()
}

/// The `kwic` table: doc_id, title, date, para, start, left, keyword, right.
pub fn frame(hits: &[Hit]) -> Result<DataFrame> {
    let s = |f: fn(&Hit) -> &str| hits.iter().map(f).collect::<Vec<&str>>();
    DataFrame::new(
        hits.len(),
        vec![
            Column::new("doc_id".into(), s(|h| &h.doc_id)),
            Column::new("title".into(), s(|h| &h.title)),
            Column::new("date".into(), s(|h| &h.date)),
            Column::new("para".into(), hits.iter().map(|h| h.para).collect::<Vec<_>>()),
            Column::new("start".into(), hits.iter().map(|h| h.start).collect::<Vec<_>>()),
            Column::new("left".into(), s(|h| &h.left)),
            Column::new("keyword".into(), s(|h| &h.keyword)),
            Column::new("right".into(), s(|h| &h.right)),
        ],
    )
    .map_err(|source| Error::Table { table: "kwic".into(), source })
}

/// Display width: CJK and other wide characters take two columns.
fn width_of(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// Hits as aligned lines: date, doc_id, left context right-aligned, the
/// keyword in 【】, right context.
pub fn aligned(hits: &[Hit], width: usize) -> String {
    let id_width = hits.iter().map(|h| h.doc_id.len()).max().unwrap_or(0);
    let mut out = String::new();
    for h in hits {
        let pad = (width * 2).saturating_sub(width_of(&h.left));
        let date = if h.date.is_empty() { "(undated)" } else { h.date.as_str() };
        out.push_str(&format!(
            "{date:<10}  {:<id_width$}  {}{}【{}】{}\n",
            h.doc_id,
            " ".repeat(pad),
            h.left,
            h.keyword,
            h.right
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Document {
        Document {
            doc_id: "d#01".into(),
            source: "d.txt".into(),
            title: "标题".into(),
            date: "2023-11-30".into(),
            date_source: "text".into(),
            genre: "other".into(),
            duplicate_of: String::new(),
            paragraphs: vec!["推动高质量发展，实现高质量发展。".into(), "发展".into()],
            meta: Default::default(),
        }
    }

    #[test]
    fn finds_every_occurrence_with_context() {
        let d = doc();
        let hits = find(&[&d], "高质量发展", 3);
        assert_eq!(hits.len(), 2);
        assert_eq!((hits[0].left.as_str(), hits[0].right.as_str(), hits[0].start), ("推动", "，实现", 2));
        assert_eq!((hits[1].left.as_str(), hits[1].right.as_str()), ("，实现", "。"));
        assert_eq!(find(&[&d], "发展", 20).len(), 3);
        let text = aligned(&hits, 3);
        assert_eq!(text.lines().next().unwrap(), "2023-11-30  d#01    推动【高质量发展】，实现");
    }
}
