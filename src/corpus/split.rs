//! One file, several documents: a compilation with a table of contents
//! becomes one document per entry; a newspaper page becomes one document per
//! article. Anything else is one document.
//!
//! * **Compilations**: the table of contents (`目录`, numbered entries with
//!   leader dots and page numbers) gives each item's title and date; each
//!   entry is matched, in order, to the body heading whose text covers most of
//!   the entry's title (character bigrams), and an item runs from its heading
//!   to the next item's. Sub-headings stay inside.
//! * **Pages**: a file with at least two article signals (wire datelines,
//!   continuation markers) is cut at titles, opening datelines, closing
//!   datelines and continuation markers. In markdown, a title owns the text
//!   after it. In plain text taken from a PDF, titles are often printed away
//!   from their text, so titles and text pieces are paired by how much of the
//!   title's wording the text contains, with a small bonus for adjacency.
//!   A piece that starts mid-word (`们党始终…`) was cut from an article printed
//!   elsewhere and is dropped as a fragment; other untitled pieces join the
//!   nearest article before them.

use super::dates::{qiushi_date, Date};
use super::layout::{Para, Removal};
use super::structure::{
    is_byline, is_date_line, is_dateline_end, is_dateline_start, is_jump_in, is_jump_out, is_section_heading,
    is_title_like, jump_in_marker, jump_out_marker, starts_mid_word,
};
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

/// An entry of a table of contents.
#[derive(Debug, Clone)]
pub struct TocEntry {
    pub number: usize,
    pub date: Option<Date>,
    pub qiushi: Option<Date>,
    pub title: String,
}

/// A document cut from a file, before its metadata is worked out.
#[derive(Debug, Clone, Default)]
pub struct RawDoc {
    /// Its paragraphs, title block first.
    pub paras: Vec<Para>,
    /// How many leading paragraphs form the title block.
    pub title_len: usize,
    /// The title (from the TOC, or the title block); empty when there is none.
    pub title: String,
    pub toc: Option<TocEntry>,
}

/// The documents of one file and what splitting removed.
#[derive(Debug, Default)]
pub struct Split {
    pub docs: Vec<RawDoc>,
    pub removals: Vec<Removal>,
    pub warnings: Vec<String>,
}

static TOC_ENTRY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(\d{1,3})\s*[.、．]\s*(?:(\d{4}年\d{1,2}月\d{1,2}日)\s*)?(.+?)\s*[…·.．]{2,}\s*[(（]?\s*\d+\s*[)）]?$",
    )
    .unwrap()
});
static QIUSHI_REF: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s*[(（]《求是》[^)）]*[)）]\s*$").unwrap());

/// Minimum share of a TOC title's bigrams a heading must contain to match it.
const TOC_MATCH: f64 = 0.5;
/// Minimum score for pairing a title with a text piece on a page.
const PAGE_MATCH: f64 = 0.35;
/// A title block has at most this many paragraphs (kicker, title, subtitle,
/// decks, date line, byline).
const MAX_TITLE_BLOCK: usize = 6;
/// Score bonus for a title printed directly before the piece.
const ADJACENCY_BONUS: f64 = 0.15;

/// Splits the paragraphs of one file into documents.
pub fn split(paras: Vec<Para>) -> Split {
    let mut split = split_documents(paras);
    strip_markers(&mut split);
    split
}

fn split_documents(paras: Vec<Para>) -> Split {
    if let Some(toc) = find_toc(&paras) {
        return split_compilation(paras, toc);
    }
    let signals =
        paras.iter().filter(|p| is_dateline_start(&p.text) || is_dateline_end(&p.text) || is_jump_in(&p.text)).count();
    if signals >= 2 {
        return split_page(paras);
    }
    let mut split = Split::default();
    if !paras.is_empty() {
        split.docs.push(single(paras));
    }
    split
}

/// The whole file is one document; a title block at its top gives the title.
fn single(paras: Vec<Para>) -> RawDoc {
    let markdown = paras.iter().any(|p| p.heading > 0);
    let title_len = if starts_title(&paras, 0, markdown) { title_block_end(&paras, 0) } else { 0 };
    let title = title_of(&paras[..title_len]);
    RawDoc { paras, title_len, title, toc: None }
}

// ---------------------------------------------------------------- compilations

struct Toc {
    heading: usize,
    entries: Vec<(usize, TocEntry)>,
}

fn find_toc(paras: &[Para]) -> Option<Toc> {
    let heading = paras.iter().position(|p| matches!(p.text.replace(' ', "").as_str(), "目录" | "目次"))?;
    let mut entries = Vec::new();
    for (i, p) in paras.iter().enumerate().skip(heading + 1) {
        let Some(c) = TOC_ENTRY.captures(&p.spaced) else { break };
        let raw_title = c[3].trim();
        let qiushi = qiushi_date(raw_title);
        let title = QIUSHI_REF.replace(raw_title, "").trim().to_string();
        entries.push((
            i,
            TocEntry {
                number: c[1].parse().unwrap_or(entries.len() + 1),
                date: c.get(2).and_then(|d| super::dates::first_full_date(d.as_str())),
                qiushi,
                title,
            },
        ));
    }
    (entries.len() >= 2).then_some(Toc { heading, entries })
}

fn split_compilation(paras: Vec<Para>, toc: Toc) -> Split {
    let mut split = Split::default();
    let body_start = toc.entries.last().map_or(toc.heading + 1, |(i, _)| i + 1);
    for p in &paras[toc.heading..body_start] {
        split.removals.push(Removal {
            what: "toc",
            reason: "table of contents (its titles and dates are used for the documents)".into(),
            text: p.text.clone(),
            line: p.line,
        });
    }
    let markdown = paras[body_start..].iter().any(|p| p.heading > 0);
    let candidates: Vec<usize> = (body_start..paras.len())
        .filter(|&i| {
            let p = &paras[i];
            let heading_like = if markdown { p.is_heading() } else { is_title_like(&p.text) };
            heading_like && !is_section_heading(&p.text)
        })
        .collect();

    // Match entries in order to headings.
    let mut starts: Vec<(usize, TocEntry)> = Vec::new();
    let mut from = 0;
    for (_, entry) in &toc.entries {
        let wanted = bigrams(&entry.title);
        let found = candidates[from..].iter().position(|&h| {
            let end = (h + 1..paras.len()).take_while(|&k| k < h + 4 && paras[k].is_heading()).last().unwrap_or(h) + 1;
            let block: String = paras[h..end].iter().map(|p| p.text.as_str()).collect();
            containment(&wanted, &bigrams(&block)) >= TOC_MATCH
        });
        match found {
            Some(k) => {
                starts.push((candidates[from + k], entry.clone()));
                from += k + 1;
            }
            None => split.warnings.push(format!(
                "table of contents entry {} ({}) has no matching heading in the text; its text stays in the item before it",
                entry.number, entry.title
            )),
        }
    }
    let bounds: Vec<usize> = starts.iter().map(|(i, _)| *i).chain(std::iter::once(paras.len())).collect();
    for p in &paras[body_start..bounds[0]] {
        split.removals.push(Removal {
            what: "paragraph",
            reason: "front matter between the table of contents and its first item".into(),
            text: p.text.clone(),
            line: p.line,
        });
    }
    for (k, (start, entry)) in starts.iter().enumerate() {
        let doc_paras = paras[*start..bounds[k + 1]].to_vec();
        let title_len = 1 + doc_paras[1..].iter().take_while(|p| p.is_heading()).count();
        split.docs.push(RawDoc { title_len, title: entry.title.clone(), toc: Some(entry.clone()), paras: doc_paras });
    }
    split
}

// ---------------------------------------------------------------- pages

/// A piece of a page: an optional title block and the text after it.
#[derive(Debug, Default)]
struct Piece {
    title: Vec<Para>,
    body: Vec<Para>,
    /// Position of its first paragraph on the page.
    pos: usize,
    mid_word: bool,
}

fn split_page(paras: Vec<Para>) -> Split {
    let markdown = paras.iter().any(|p| p.heading > 0);
    let mut pieces: Vec<Piece> = Vec::new();
    let mut current = Piece::default();
    let close = |current: &mut Piece, pieces: &mut Vec<Piece>, pos: usize| {
        let done = std::mem::take(current);
        if !done.title.is_empty() || !done.body.is_empty() {
            pieces.push(done);
        }
        current.pos = pos;
    };
    let mut i = 0;
    while i < paras.len() {
        if starts_title(&paras, i, markdown) {
            let end = title_block_end(&paras, i);
            close(&mut current, &mut pieces, i);
            current.title = paras[i..end].to_vec();
            i = end;
            continue;
        }
        let p = &paras[i];
        let opens = is_jump_in(&p.text)
            || (is_dateline_start(&p.text) && !is_dateline_end(&p.text) && !current.body.is_empty());
        let mid_word = starts_mid_word(&p.text);
        if opens || mid_word {
            close(&mut current, &mut pieces, i);
            current.mid_word = mid_word;
        }
        current.body.push(p.clone());
        if is_dateline_end(&p.text) || is_jump_out(&p.text) {
            close(&mut current, &mut pieces, i + 1);
        }
        i += 1;
    }
    close(&mut current, &mut pieces, paras.len());

    let mut split = Split::default();
    if markdown {
        pair_in_order(pieces, &mut split);
    } else {
        pair_by_wording(pieces, &mut split);
    }
    split
}

/// Markdown pages: a title owns the text printed after it.
fn pair_in_order(pieces: Vec<Piece>, split: &mut Split) {
    let mut docs: Vec<RawDoc> = Vec::new();
    for piece in pieces {
        if !piece.title.is_empty() {
            docs.push(doc_from(piece.title, piece.body));
        } else if piece.mid_word {
            drop_fragment(piece.body, split);
        } else if let Some(doc) = docs.last_mut() {
            doc.paras.extend(piece.body);
        } else {
            docs.push(doc_from(Vec::new(), piece.body));
        }
    }
    split.docs.extend(docs);
}

/// A text piece of a plain-text page.
struct Body {
    pos: usize,
    paras: Vec<Para>,
    mid_word: bool,
    /// The title printed directly before it, if any.
    adjacent: Option<usize>,
}

/// A document being assembled: its title and the pieces of text that join it.
struct PageDoc {
    pos: usize,
    title: Vec<Para>,
    pieces: Vec<(usize, Vec<Para>)>,
}

/// Plain-text pages: titles and text pieces are paired by wording.
fn pair_by_wording(pieces: Vec<Piece>, split: &mut Split) {
    let mut titles: Vec<(usize, Vec<Para>)> = Vec::new();
    let mut bodies: Vec<Body> = Vec::new();
    for piece in pieces {
        let adjacent = if piece.title.is_empty() {
            None
        } else {
            titles.push((piece.pos, piece.title));
            Some(titles.len() - 1)
        };
        if !piece.body.is_empty() {
            bodies.push(Body { pos: piece.pos, paras: piece.body, mid_word: piece.mid_word, adjacent });
        }
    }
    let joined = |paras: &[Para]| paras.iter().map(|p| p.text.as_str()).collect::<String>();
    let title_grams: Vec<_> = titles.iter().map(|(_, t)| bigrams(&joined(t))).collect();
    let body_grams: Vec<_> = bodies.iter().map(|b| bigrams(&joined(&b.paras))).collect();
    let mut scores: Vec<(f64, usize, usize)> = Vec::new();
    for (t, tg) in title_grams.iter().enumerate() {
        for (b, bg) in body_grams.iter().enumerate() {
            if bodies[b].mid_word {
                continue;
            }
            let bonus = if bodies[b].adjacent == Some(t) { ADJACENCY_BONUS } else { 0.0 };
            scores.push((containment(tg, bg) + bonus, t, b));
        }
    }
    // Highest score first; ties by page order, so the result is deterministic.
    scores.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut title_body: Vec<Option<usize>> = vec![None; titles.len()];
    let mut body_taken = vec![false; bodies.len()];
    for (score, t, b) in scores {
        if score >= PAGE_MATCH && title_body[t].is_none() && !body_taken[b] {
            title_body[t] = Some(b);
            body_taken[b] = true;
        }
    }
    // A title's own text comes first, then untitled text that joins it, in
    // page order. A title left with no text is dropped below.
    let mut docs: Vec<PageDoc> = titles
        .iter()
        .enumerate()
        .map(|(t, (pos, title))| PageDoc {
            pos: *pos,
            title: title.clone(),
            pieces: title_body[t].map(|b| (bodies[b].pos, bodies[b].paras.clone())).into_iter().collect(),
        })
        .collect();
    for (b, body) in bodies.into_iter().enumerate() {
        if body_taken[b] {
            continue;
        }
        if body.mid_word {
            drop_fragment(body.paras, split);
            continue;
        }
        match titles.iter().rposition(|(tpos, _)| *tpos <= body.pos) {
            Some(t) => docs[t].pieces.push((body.pos, body.paras)),
            None => docs.push(PageDoc { pos: body.pos, title: Vec::new(), pieces: vec![(body.pos, body.paras)] }),
        }
    }
    docs.sort_by_key(|d| d.pos);
    for mut page_doc in docs {
        page_doc.pieces.sort_by_key(|(pos, _)| *pos);
        let doc = doc_from(page_doc.title, page_doc.pieces.into_iter().flat_map(|(_, b)| b).collect());
        if doc.paras.len() == doc.title_len {
            for p in doc.paras {
                split.removals.push(Removal {
                    what: "title",
                    reason: "title with no text found for it on the page".into(),
                    text: p.text,
                    line: p.line,
                });
            }
        } else {
            split.docs.push(doc);
        }
    }
}

fn doc_from(title: Vec<Para>, body: Vec<Para>) -> RawDoc {
    let title_len = title.len();
    let title_text = title_of(&title);
    let mut paras = title;
    paras.extend(body);
    RawDoc { paras, title_len, title: title_text, toc: None }
}

fn drop_fragment(body: Vec<Para>, split: &mut Split) {
    for p in body {
        split.removals.push(Removal {
            what: "fragment",
            reason: "starts mid-word: a piece of an article printed elsewhere".into(),
            text: p.text,
            line: p.line,
        });
    }
}

/// Removes page-continuation markers (`【紧接第1版②】`, `（下转第三版）`)
/// from the text once they have served to cut the page; a paragraph that was
/// only a marker goes.
fn strip_markers(split: &mut Split) {
    for doc in &mut split.docs {
        let mut k = 0;
        while k < doc.paras.len() {
            let p = &mut doc.paras[k];
            for find in [jump_in_marker, jump_out_marker] {
                if let Some(range) = find(&p.text) {
                    split.removals.push(Removal {
                        what: "marker",
                        reason: "page continuation marker".into(),
                        text: p.text[range.clone()].to_string(),
                        line: p.line,
                    });
                    p.text.replace_range(range, "");
                    p.spaced = p.text.clone();
                }
            }
            if p.text.is_empty() {
                doc.paras.remove(k);
                if k < doc.title_len {
                    doc.title_len -= 1;
                }
            } else {
                k += 1;
            }
        }
    }
}

// ---------------------------------------------------------------- titles

/// Does a title block start at paragraph `i`? In markdown a heading that is
/// not a numbered section, or a title-like line right before such a heading
/// (a kicker); in plain text a title-like paragraph.
fn starts_title(paras: &[Para], i: usize, markdown: bool) -> bool {
    let p = &paras[i];
    if is_section_heading(&p.text) || p.bold {
        return false;
    }
    if markdown {
        p.heading > 0 || (is_title_like(&p.text) && paras.get(i + 1).is_some_and(|n| n.heading > 0))
    } else {
        is_title_like(&p.text) || (is_kicker(&p.text) && i + 1 < paras.len() && starts_title(paras, i + 1, false))
    }
}

/// A column label printed above a title (`特写`, `评论员文章`): a few Han
/// characters and nothing else.
fn is_kicker(text: &str) -> bool {
    let n = text.chars().count();
    (2..=6).contains(&n) && text.chars().all(super::chars::is_han)
}

/// The end (exclusive) of the title block starting at `i`: following
/// headings, title-like lines (decks, subtitles), date lines and bylines.
fn title_block_end(paras: &[Para], i: usize) -> usize {
    let mut end = i + 1;
    while let Some(p) = paras.get(end) {
        let part = p.heading > 0
            || is_title_like(&p.text)
            || is_date_line(&p.text)
            || is_byline(&p.text)
            || (p.text.starts_with("——") && p.n_chars() < 60);
        if !part || end >= i + MAX_TITLE_BLOCK {
            break;
        }
        end += 1;
    }
    end
}

/// The title of a title block: its main heading (the highest markdown level,
/// or the first title-like line) and a `——…` subtitle after it. Kickers and
/// decks stay in the text but not in the title.
fn title_of(block: &[Para]) -> String {
    let main = match block.iter().filter(|p| p.heading > 0).map(|p| p.heading).min() {
        Some(level) => block.iter().position(|p| p.heading == level),
        None => block.iter().position(|p| is_title_like(&p.text)),
    };
    let Some(m) = main else { return String::new() };
    let mut title = block[m].spaced.trim().to_string();
    if let Some(sub) = block.get(m + 1).filter(|p| p.text.starts_with("——")) {
        title.push(' ');
        title.push_str(sub.spaced.trim());
    }
    title
}

/// Character bigrams of the Han characters and digits of `text`.
pub fn bigrams(text: &str) -> HashSet<(char, char)> {
    let chars: Vec<char> = text.chars().filter(|&c| super::chars::is_han(c) || c.is_ascii_alphanumeric()).collect();
    chars.windows(2).map(|w| (w[0], w[1])).collect()
}

/// Share of `part` found in `whole`.
fn containment(part: &HashSet<(char, char)>, whole: &HashSet<(char, char)>) -> f64 {
    if part.is_empty() {
        return 0.0;
    }
    part.iter().filter(|g| whole.contains(g)).count() as f64 / part.len() as f64
}
