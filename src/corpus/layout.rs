//! From a decoded text to paragraphs: cleans every line, joins lines that were
//! hard-wrapped inside a paragraph, mends paragraphs cut by a page or column
//! break, and drops photo credits, their captions and paragraphs printed
//! twice. Every removed character is accounted for.

use super::chars::{clean_line, ends_paragraph, CleanLine, Removed};
use super::structure::{is_credit, is_dateline_start, is_jump_in, is_title_like};

/// A paragraph of cleaned text.
#[derive(Debug, Clone, Default)]
pub struct Para {
    /// Cleaned text (no spaces between CJK characters).
    pub text: String,
    /// The same with single spaces kept between Han runs (for titles).
    pub spaced: String,
    /// Markdown heading level (`#` = 1), or 0.
    pub heading: u8,
    /// The whole paragraph was bold: a sub-heading.
    pub bold: bool,
    /// 1-based line number of the paragraph's first line in its file.
    pub line: usize,
    /// Index of the blank-line separated block it came from.
    pub block: usize,
}

impl Para {
    pub fn n_chars(&self) -> usize {
        self.text.chars().count()
    }

    /// A markdown heading or an all-bold line.
    pub fn is_heading(&self) -> bool {
        self.heading > 0 || self.bold
    }
}

/// Text removed at paragraph level, with the reason.
#[derive(Debug, Clone)]
pub struct Removal {
    pub what: &'static str,
    pub reason: String,
    pub text: String,
    pub line: usize,
}

/// The paragraphs of one text and what cleaning removed from it.
#[derive(Debug, Default)]
pub struct Layout {
    pub paras: Vec<Para>,
    pub removals: Vec<Removal>,
    /// Characters removed inside lines and between them.
    pub removed: Removed,
    /// The text was hard-wrapped (newspaper columns, OCR).
    pub wrapped: bool,
}

/// A paragraph identical to one of this many paragraphs before it is a repeat.
const REPEAT_WINDOW: usize = 10;
/// Paragraphs shorter than this may repeat on purpose (`女士们、先生们、朋友们！`).
const REPEAT_MIN_CHARS: usize = 20;

struct Line {
    clean: CleanLine,
    number: usize,
}

/// Splits `text` into cleaned paragraphs.
pub fn paragraphs(text: &str) -> Layout {
    let mut removed = Removed::default();
    // Every line break is dropped; a join that puts a space back returns one.
    removed.whitespace += text.matches('\n').count();

    let mut blocks: Vec<Vec<Line>> = vec![Vec::new()];
    for (i, raw) in text.split('\n').enumerate() {
        for clean in clean_line(raw, &mut removed) {
            if clean.text.is_empty() {
                if !blocks.last().is_some_and(|b| b.is_empty()) {
                    blocks.push(Vec::new());
                }
                continue;
            }
            let heading = clean.heading > 0;
            if heading && !blocks.last().is_some_and(|b| b.is_empty()) {
                blocks.push(Vec::new());
            }
            blocks.last_mut().expect("blocks is never empty").push(Line { clean, number: i + 1 });
            if heading {
                blocks.push(Vec::new());
            }
        }
    }
    blocks.retain(|b| !b.is_empty());

    let wrapped = is_wrapped(&blocks);
    let width = typical_width(&blocks);
    let mut layout = Layout { wrapped, ..Default::default() };

    // Lines to paragraphs, block by block.
    let mut block_paras: Vec<Vec<Para>> = Vec::with_capacity(blocks.len());
    for (b, lines) in blocks.iter().enumerate() {
        let mut paras: Vec<Para> = Vec::new();
        for (k, line) in lines.iter().enumerate() {
            let starts_new = k == 0 || !wrapped || breaks_between(&lines[k - 1], line, width);
            if starts_new {
                paras.push(Para {
                    text: line.clean.text.clone(),
                    spaced: line.clean.spaced.clone(),
                    heading: line.clean.heading,
                    bold: line.clean.bold,
                    line: line.number,
                    block: b,
                });
            } else {
                let para = paras.last_mut().expect("a paragraph was started");
                if join_with_space(&para.text, &line.clean.text) {
                    removed.whitespace -= 1;
                    para.text.push(' ');
                    para.spaced.push(' ');
                }
                para.text.push_str(&line.clean.text);
                para.spaced.push_str(&line.clean.spaced);
            }
        }
        drop_credits(&mut paras, &mut layout.removals);
        block_paras.push(paras);
    }

    // Repeats, then page-break repair across blocks.
    let mut out: Vec<Para> = Vec::new();
    let mut recent: std::collections::VecDeque<String> = std::collections::VecDeque::new();
    let mut last_block_end: Option<usize> = None;
    for paras in block_paras {
        for (k, para) in paras.into_iter().enumerate() {
            if para.n_chars() >= REPEAT_MIN_CHARS && recent.contains(&para.text) {
                layout.removals.push(Removal {
                    what: "paragraph",
                    reason: "repeated: the same paragraph was printed just before".into(),
                    text: para.text,
                    line: para.line,
                });
                continue;
            }
            if recent.len() == REPEAT_WINDOW {
                recent.pop_front();
            }
            recent.push_back(para.text.clone());
            let first_of_block = k == 0;
            if first_of_block && last_block_end == Some(out.len()) {
                if let Some(prev) = out.last_mut() {
                    if continues_across_break(prev, &para) {
                        if join_with_space(&prev.text, &para.text) {
                            removed.whitespace -= 1;
                            prev.text.push(' ');
                            prev.spaced.push(' ');
                        }
                        prev.text.push_str(&para.text);
                        prev.spaced.push_str(&para.spaced);
                        continue;
                    }
                }
            }
            out.push(para);
        }
        last_block_end = Some(out.len());
    }
    layout.paras = out;
    layout.removed = removed;
    layout
}

/// Hard-wrapped text: most lines sit in blocks of several lines.
fn is_wrapped(blocks: &[Vec<Line>]) -> bool {
    let total: usize = blocks.iter().map(Vec::len).sum();
    let in_multi: usize = blocks
        .iter()
        .filter(|b| b.len() >= 2 && !b.iter().all(|l| l.clean.hard_break || l.clean.heading > 0))
        .map(Vec::len)
        .sum();
    total >= 6 && in_multi * 2 >= total
}

/// Width in columns: ASCII takes one, everything else two (as printed).
fn display_width(text: &str) -> usize {
    text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// The usual width of a wrapped line: the median length of lines in
/// multi-line blocks.
fn typical_width(blocks: &[Vec<Line>]) -> usize {
    let mut lens: Vec<usize> =
        blocks.iter().filter(|b| b.len() >= 2).flatten().map(|l| display_width(&l.clean.text)).collect();
    if lens.is_empty() {
        return usize::MAX;
    }
    lens.sort_unstable();
    lens[lens.len() / 2]
}

/// In hard-wrapped text, does a new paragraph start at `next`?
fn breaks_between(prev: &Line, next: &Line, width: usize) -> bool {
    let prev_len = display_width(&prev.clean.text);
    let next_len = display_width(&next.clean.text);
    let wide = |n: usize| width != usize::MAX && n * 10 > width * 13;
    prev.clean.hard_break
        || prev.clean.heading > 0
        || next.clean.heading > 0
        || next.clean.indented
        || next.clean.split
        || next.clean.text.starts_with("——")
        || wide(prev_len)
        || wide(next_len)
        || (ends_paragraph(&prev.clean.text) && prev_len * 4 < width * 3)
        || is_dateline_start(&next.clean.text)
}

/// Two pieces of Latin text are joined with a space (`hard-` + `wrapped` is
/// not: a hyphen at a line end is kept and the word mended, `B-` + `25` →
/// `B-25`).
fn join_with_space(before: &str, after: &str) -> bool {
    let b = before.chars().last();
    let a = after.chars().next();
    matches!((b, a), (Some(b), Some(a)) if b.is_ascii_alphanumeric() && a.is_ascii_alphanumeric())
}

/// Is `next`, the first paragraph of a block, the rest of `prev`, cut by a
/// page or column break? `prev` must stop mid-sentence and look like running
/// text (it has sentence-internal punctuation, or is long), and `next` must
/// not start something new (a heading, a dateline, a continuation marker, a
/// title, a `——` line).
fn continues_across_break(prev: &Para, next: &Para) -> bool {
    let running = prev.text.contains(['，', '、', '；', '：', ',']) || prev.n_chars() >= 40;
    !ends_paragraph(&prev.text)
        && running
        && !prev.is_heading()
        && !next.is_heading()
        && !is_dateline_start(&next.text)
        && !is_jump_in(&next.text)
        && !next.text.starts_with("——")
        && !is_title_like(&next.text)
}

/// Drops photo credits (`新华社记者 谢环驰摄`) and the caption printed with
/// them in the same block.
fn drop_credits(paras: &mut Vec<Para>, removals: &mut Vec<Removal>) {
    let Some(credit_at) = paras.iter().position(|p| is_credit(&p.text)) else {
        return;
    };
    let mut kept = Vec::with_capacity(paras.len());
    for (i, p) in paras.drain(..).enumerate() {
        if i == credit_at {
            removals.push(Removal {
                what: "credit",
                reason: "photo or reporter credit".into(),
                text: p.text,
                line: p.line,
            });
        } else if i + 1 == credit_at && !p.is_heading() {
            removals.push(Removal {
                what: "caption",
                reason: "photo caption (printed with a photo credit)".into(),
                text: p.text,
                line: p.line,
            });
        } else {
            kept.push(p);
        }
    }
    *paras = kept;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept_plus_dropped(text: &str) -> (usize, usize) {
        let l = paragraphs(text);
        let kept: usize = l.paras.iter().map(Para::n_chars).sum();
        let dropped: usize =
            l.removals.iter().map(|r| r.text.chars().count()).sum::<usize>() + l.removed.whitespace + l.removed.markup;
        (kept + dropped, text.chars().count())
    }

    #[test]
    fn wrapped_columns_are_joined_and_mended() {
        // Lines as printed in seeds/003 (columns of about 15 characters).
        let text = "偷袭珍珠港后，1942年美国空军16架B-\n25轰炸机奔袭日本，由于油料不足，杜立特\n中校等飞行员在中国弃机跳伞，中国军民\n奋勇救助，日军竟因此屠杀了25万中国平\n民。\n\n中 共 中 央 政 治 局 常 委 、国 务 院\n总 理 李 强 作 出 批 示 ，要 求 抓 紧 搜 救\n失联人员，全力救治伤员，最大程度\n减少伤亡。\n";
        let l = paragraphs(text);
        assert!(l.wrapped);
        assert_eq!(l.paras.len(), 2);
        assert!(l.paras[0].text.contains("B-25轰炸机"));
        assert!(l.paras[1].text.starts_with("中共中央政治局常委、国务院总理李强作出批示，"));
        let (a, b) = kept_plus_dropped(text);
        assert_eq!(a, b);
    }

    #[test]
    fn page_break_is_mended_and_repeat_dropped() {
        let text = "他把推动中美关系发展、增进两国人民友谊作为毕\n\n生追求。基辛格的名字将永远和中美关系联系在一起。\n\n生追求。基辛格的名字将永远和中美关系联系在一起。\n";
        let l = paragraphs(text);
        assert_eq!(l.paras.len(), 1);
        assert!(l.paras[0].text.contains("作为毕生追求。"));
        assert_eq!(l.removals.len(), 1);
        assert_eq!(l.removals[0].what, "paragraph");
        let (a, b) = kept_plus_dropped(text);
        assert_eq!(a, b);
    }

    #[test]
    fn credit_and_caption_are_dropped() {
        let text = "# 标题\n\n正文第一段，说了些话。\n\n11月30日上午，习近平在上海主持召开座谈会。  \n新华社记者 谢环驰摄\n\n正文第二段。\n";
        let l = paragraphs(text);
        let whats: Vec<_> = l.removals.iter().map(|r| r.what).collect();
        assert_eq!(whats, ["caption", "credit"]);
        assert_eq!(l.removals[1].text, "新华社记者谢环驰摄");
        assert_eq!(l.paras.len(), 3);
        let (a, b) = kept_plus_dropped(text);
        assert_eq!(a, b);
    }

    #[test]
    fn latin_lines_join_with_a_space() {
        let text =
            "The quick brown\nfox jumps over\nthe lazy dog and\nkeeps running.\n\nA second para\nof two lines.\n";
        let l = paragraphs(text);
        assert_eq!(l.paras[0].text, "The quick brown fox jumps over the lazy dog and keeps running.");
        let (a, b) = kept_plus_dropped(text);
        assert_eq!(a, b);
    }
}
