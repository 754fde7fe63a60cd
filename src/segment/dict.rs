//! jieba dictionary files: one entry a line, `word [frequency] [tag]`,
//! separated by spaces or tabs. Tolerant of a BOM, CRLF line ends, blank
//! lines, `#` comments, and a missing frequency or tag; strict about
//! anything else, with the file and line in the error.

use crate::error::{Error, Result};

/// One dictionary entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DictEntry {
    pub word: String,
    /// `None`: let jieba suggest one (just enough to keep the word whole).
    pub freq: Option<usize>,
    pub tag: Option<String>,
}

fn is_tag(s: &str) -> bool {
    !s.is_empty() && s.len() <= 8 && s.chars().all(|c| c.is_ascii_alphabetic())
}

/// Parses a dictionary; `source` names it in errors.
pub fn parse(text: &str, source: &str) -> Result<Vec<DictEntry>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut entries = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r').trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = |reason: String| Error::BadLine {
            path: source.to_string(),
            line: i + 1,
            reason,
            hint: "write `word`, `word frequency`, `word tag` or `word frequency tag` (jieba's format)".into(),
        };
        let fields: Vec<&str> = line.split_whitespace().collect();
        let freq_of = |f: &str| f.parse::<usize>().map_err(|_| bad(format!("frequency `{f}` is not a whole number")));
        let (freq, tag) = match fields.as_slice() {
            [_] => (None, None),
            [_, f] if f.chars().all(|c| c.is_ascii_digit()) => (Some(freq_of(f)?), None),
            [_, t] if is_tag(t) => (None, Some(t.to_string())),
            [_, x] => return Err(bad(format!("`{x}` is neither a frequency nor a POS tag"))),
            [_, f, t] => {
                if !is_tag(t) {
                    return Err(bad(format!("`{t}` is not a POS tag")));
                }
                (Some(freq_of(f)?), Some(t.to_string()))
            }
            _ => return Err(bad(format!("{} fields; a word may not contain spaces", fields.len()))),
        };
        entries.push(DictEntry { word: fields[0].to_string(), freq, tag });
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tolerant_of_bom_crlf_and_missing_fields() {
        let d =
            parse("\u{feff}中国式现代化 120 nz\r\n新质生产力\r\n\r\n# note\n全过程人民民主 nz\n两个确立 30\n", "d.txt")
                .unwrap();
        assert_eq!(d.len(), 4);
        assert_eq!(d[0], DictEntry { word: "中国式现代化".into(), freq: Some(120), tag: Some("nz".into()) });
        assert_eq!(d[1].freq, None);
        assert_eq!(d[2].tag.as_deref(), Some("nz"));
        assert_eq!(d[3].freq, Some(30));
    }

    #[test]
    fn malformed_lines_name_file_and_line() {
        let e = parse("好词 3 n\n坏词 x3 n\n", "user.dict").unwrap_err().to_string();
        assert!(e.starts_with("user.dict:2: frequency `x3` is not a whole number"), "{e}");
        let e = parse("好词\n坏 词 1 n\n", "user.dict").unwrap_err().to_string();
        assert!(e.starts_with("user.dict:2: 4 fields"), "{e}");
        let e = parse("词 12 n-1\n", "user.dict").unwrap_err().to_string();
        assert!(e.contains("`n-1` is not a POS tag"), "{e}");
    }
}
