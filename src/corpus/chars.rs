//! Character classes and the character-level cleaning of one line.
//!
//! Cleaning never changes a character count silently: every character that is
//! removed is counted in [`Removed`], so that the run's accounting (characters
//! kept + characters dropped = characters read) holds exactly.

/// Characters removed while cleaning, by reason.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Removed {
    /// Spaces, line breaks, zero-width characters, carriage returns.
    pub whitespace: usize,
    /// Markdown marks: `#` heading marks, `**` bold marks.
    pub markup: usize,
}

impl Removed {
    pub fn add(&mut self, other: Removed) {
        self.whitespace += other.whitespace;
        self.markup += other.markup;
    }
}

/// A Han character (CJK Unified Ideographs and their extensions, compatibility
/// ideographs).
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F | 0x3007)
}

/// Chinese punctuation and other full-width symbols that sit between Han
/// characters without spaces in Chinese typesetting.
pub fn is_cjk_punct(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x303F   // CJK symbols and punctuation: 、。〈〉《》「」『』【】〔〕
        | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65 // full-width punctuation
        | 0x2014 | 0x2015 | 0x2018 | 0x2019 | 0x201C | 0x201D | 0x2026 | 0x00B7 | 0x2022 | 0x2027)
}

/// Han character or Chinese punctuation.
pub fn is_cjk(c: char) -> bool {
    is_han(c) || is_cjk_punct(c)
}

/// Maps full-width ASCII digits and Latin letters to ASCII (`２０２３` →
/// `2023`, `ＡＰＥＣ` → `APEC`); Chinese punctuation is left as it is.
pub fn fold_fullwidth(c: char) -> char {
    match c {
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Unicode space characters that become an ordinary space.
pub fn is_unicode_space(c: char) -> bool {
    matches!(c, '\t' | '\u{00A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}')
}

/// Invisible characters that are removed: zero-width space/joiners, a BOM
/// inside the text, soft hyphen.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
}

/// Characters that end a sentence or a paragraph.
pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '…' | '；' | ';' | '．')
}

/// Closing quotes and brackets that may follow the end of a sentence.
pub fn is_closing(c: char) -> bool {
    matches!(c, '”' | '’' | '」' | '』' | '"' | '\'' | '》' | '〉')
}

/// Does this paragraph end where a paragraph may end? A sentence end
/// (possibly followed by closing quotes), a colon (salutations: `各位同事：`),
/// or a closing parenthesis (date lines, editorial notes).
pub fn ends_paragraph(text: &str) -> bool {
    let mut chars = text.trim_end().chars().rev().peekable();
    let Some(&last) = chars.peek() else {
        return true;
    };
    if matches!(last, '）' | ')' | '：' | ':' | '】' | '.') || is_sentence_end(last) {
        return true;
    }
    if is_closing(last) {
        // `……主旋律。”` ends; `持“过紧日子”` (a quoted phrase cut by a page break) does not.
        while let Some(&c) = chars.peek() {
            if is_closing(c) {
                chars.next();
            } else {
                return is_sentence_end(c);
            }
        }
    }
    false
}

/// A space is removed when it separates two CJK characters, or a CJK
/// character and a digit or ASCII punctuation (`2023 年 11 月` → `2023年11月`,
/// `17% 下降` → `17%下降`). Spaces between CJK and Latin letters stay
/// (`本次 APEC 期间`).
fn space_removable(before: char, after: char) -> bool {
    let glue = |c: char| c.is_ascii_digit() || (c.is_ascii_punctuation() && c != '-');
    (is_cjk(before) && (is_cjk(after) || glue(after))) || (is_cjk(after) && glue(before))
}

/// A line after character-level cleaning.
#[derive(Debug, Clone, Default)]
pub struct CleanLine {
    /// The cleaned text: no space between CJK characters.
    pub text: String,
    /// The same text with single spaces kept between CJK runs, for titles
    /// (`习近平在…时强调 把握…`), where a space separates the parts of a title.
    pub spaced: String,
    /// `#`-level of a markdown heading, or 0.
    pub heading: u8,
    /// The whole line was bold (`**…**`): used as a sub-heading.
    pub bold: bool,
    /// Ended with two spaces (a markdown hard line break).
    pub hard_break: bool,
    /// Started with indentation (a new paragraph in hard-wrapped text).
    pub indented: bool,
    /// Split off the end of the previous line at a change of letter-spacing:
    /// starts a new paragraph.
    pub split: bool,
}

/// Cleans one line (without its line break). Returns the cleaned line(s):
/// two when a line joins a title run and a letter-spaced column run
/// (`…大局稳定 当 地 时 间 11 月`, an OCR artefact of justified columns).
pub fn clean_line(raw: &str, removed: &mut Removed) -> Vec<CleanLine> {
    // 1. Fold characters one to one; drop invisible ones.
    let mut chars: Vec<char> = Vec::with_capacity(raw.len());
    for c in raw.chars() {
        if is_invisible(c) || c == '\r' {
            removed.whitespace += 1;
        } else if is_unicode_space(c) {
            chars.push(' ');
        } else {
            chars.push(fold_fullwidth(c));
        }
    }
    let hard_break = chars.len() >= 2 && chars[chars.len() - 2..] == [' ', ' '];
    let indented = chars.first() == Some(&' ');

    // 2. Trim.
    let start = chars.iter().position(|&c| c != ' ').unwrap_or(chars.len());
    let end = chars.iter().rposition(|&c| c != ' ').map_or(start, |i| i + 1);
    removed.whitespace += chars.len() - (end - start);
    let mut chars: Vec<char> = chars[start..end].to_vec();

    // 3. Markdown structure: heading marks and bold marks leave the text.
    let mut heading = 0u8;
    let hashes = chars.iter().take_while(|&&c| c == '#').count();
    if (1..=6).contains(&hashes) && chars.get(hashes) == Some(&' ') {
        heading = hashes as u8;
        let spaces = chars[hashes..].iter().take_while(|&&c| c == ' ').count();
        removed.markup += hashes;
        removed.whitespace += spaces;
        chars.drain(..hashes + spaces);
    }
    let text: String = chars.iter().collect();
    let bold = text.len() > 4
        && text.starts_with("**")
        && text.ends_with("**")
        && text[2..text.len() - 2].find("**").is_none();
    let n_bold_marks = text.matches("**").count();
    let chars: Vec<char> = if n_bold_marks >= 2 {
        // Remove pairs of `**` only; a lone `**` is text.
        let pairs = n_bold_marks / 2 * 2;
        let mut out = String::with_capacity(text.len());
        let mut rest = text.as_str();
        let mut done = 0;
        while let Some(i) = rest.find("**") {
            if done == pairs {
                break;
            }
            out.push_str(&rest[..i]);
            rest = &rest[i + 2..];
            done += 1;
        }
        out.push_str(rest);
        removed.markup += 2 * pairs;
        out.chars().collect()
    } else {
        chars
    };

    // 4. Split at a change from unspaced text to letter-spaced text.
    let pieces = split_letter_spacing(&chars);
    // The space at the split point is dropped.
    removed.whitespace += pieces.len() - 1;
    let mut lines = Vec::with_capacity(pieces.len());
    for (i, piece) in pieces.iter().enumerate() {
        let (text, spaced) = squeeze_spaces(piece, removed);
        lines.push(CleanLine {
            text,
            spaced,
            heading,
            bold,
            hard_break: hard_break && i + 1 == pieces.len(),
            indented: indented && i == 0,
            split: i > 0,
        });
    }
    lines
}

/// Removes the spaces that [`space_removable`] allows and collapses runs of
/// spaces to one; returns (text, text with CJK-separating spaces kept).
fn squeeze_spaces(chars: &[char], removed: &mut Removed) -> (String, String) {
    let mut text = String::with_capacity(chars.len() * 3);
    let mut spaced = String::with_capacity(chars.len() * 3);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != ' ' {
            text.push(c);
            spaced.push(c);
            i += 1;
            continue;
        }
        let run_end = chars[i..].iter().position(|&c| c != ' ').map_or(chars.len(), |n| i + n);
        let run = run_end - i;
        let before = chars[..i].last().copied();
        let after = chars.get(run_end).copied();
        match (before, after) {
            (Some(b), Some(a)) if space_removable(b, a) => {
                removed.whitespace += run;
                // Keep a separator in titles between two Han runs only when the
                // space is not part of letter-spacing (`中 共 中 央`).
                let letter_spaced = is_spaced_single(chars, i) || is_spaced_single(chars, run_end);
                if is_han(b) && is_han(a) && !letter_spaced {
                    spaced.push(' ');
                }
            }
            (Some(_), Some(_)) => {
                removed.whitespace += run - 1;
                text.push(' ');
                spaced.push(' ');
            }
            _ => removed.whitespace += run,
        }
        i = run_end;
    }
    (text, spaced)
}

/// Is the non-space character next to position `at` (a space run boundary) a
/// single character between spaces, as in letter-spaced text `中 共 中 央`?
fn is_spaced_single(chars: &[char], at: usize) -> bool {
    // `at` is either the first space of a run (look left) or the first char
    // after a run (look right).
    if at < chars.len() && chars[at] != ' ' {
        // Looking right: chars[at] is a char; is it followed by a space?
        return chars.get(at + 1) == Some(&' ');
    }
    // Looking left: chars[at-1] is a char; is it preceded by a space?
    at >= 2 && chars[at - 2] == ' '
}

/// Splits a line where a run of at least six unspaced CJK characters is
/// followed, after one space, by letter-spaced CJK text (at least three single
/// characters each followed by a space). Newspaper OCR joins the last line of a
/// headline and the first, justified, line of a column this way.
fn split_letter_spacing(chars: &[char]) -> Vec<Vec<char>> {
    let n = chars.len();
    let mut i = 0;
    while i < n {
        if chars[i] == ' ' && i >= 6 && chars[i - 6..i].iter().all(|&c| is_cjk(c)) {
            // Count letter-spaced singles after the space.
            let mut j = i + 1;
            let mut singles = 0;
            while j + 1 < n && is_cjk(chars[j]) && chars[j + 1] == ' ' {
                singles += 1;
                j += 2;
            }
            if singles >= 3 {
                return vec![chars[..i].to_vec(), chars[i + 1..].to_vec()];
            }
        }
        i += 1;
    }
    vec![chars.to_vec()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(s: &str) -> (Vec<CleanLine>, Removed) {
        let mut r = Removed::default();
        let l = clean_line(s, &mut r);
        (l, r)
    }

    #[test]
    fn removes_spaces_between_cjk_and_digits() {
        let (l, r) = clean("2023 年 11 月 30 日　中 共 中 央");
        assert_eq!(l[0].text, "2023年11月30日中共中央");
        assert_eq!(r.whitespace, 9);
    }

    #[test]
    fn folds_fullwidth_digits_and_letters_only() {
        let (l, _) = clean("２０２３年ＡＰＥＣ会议，“好”");
        assert_eq!(l[0].text, "2023年APEC会议，“好”");
    }

    #[test]
    fn keeps_latin_spaces_and_title_separators() {
        let (l, _) = clean("本次 APEC 期间 会晤");
        assert_eq!(l[0].text, "本次 APEC 期间会晤");
        let (l, _) = clean("习近平在视察时强调 把握海警力量");
        assert_eq!(l[0].text, "习近平在视察时强调把握海警力量");
        assert_eq!(l[0].spaced, "习近平在视察时强调 把握海警力量");
    }

    #[test]
    fn markdown_marks_are_counted() {
        let (l, r) = clean("### **第三，要抓好盐碱地**");
        assert_eq!(l[0].text, "第三，要抓好盐碱地");
        assert_eq!(l[0].heading, 3);
        assert!(l[0].bold);
        assert_eq!(r.markup, 7);
        assert_eq!(r.whitespace, 1);
    }

    #[test]
    fn splits_title_from_letter_spaced_column() {
        let (l, _) = clean("切实维护人民群众生命财产安全和社会大局稳定 当 地 时 间 11 月 15 日 中 午 ，");
        assert_eq!(l.len(), 2);
        assert_eq!(l[0].text, "切实维护人民群众生命财产安全和社会大局稳定");
        assert_eq!(l[1].text, "当地时间11月15日中午，");
        assert!(l[1].split);
    }

    #[test]
    fn paragraph_ends() {
        assert!(ends_paragraph("谢谢大家。"));
        assert!(ends_paragraph("是亚太合作的主旋律。”"));
        assert!(ends_paragraph("各位同事："));
        assert!(!ends_paragraph("要坚持“过紧日子”"));
        assert!(!ends_paragraph("催生新产业新业态新"));
    }
}
