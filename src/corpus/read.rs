//! Finding input files and decoding them: UTF-8 (with or without BOM),
//! UTF-16 (with BOM, or without one when its pattern of zero bytes is clear),
//! GB18030/GBK and other legacy encodings (detected with chardetng), or the
//! encoding the user names. Binary and undecodable files are reported with
//! the reason.

use crate::error::{Error, Result};
use encoding_rs::Encoding;
use std::path::{Path, PathBuf};

/// How a file's contents are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// Plain text (`.txt`, or any file named on the command line).
    Text,
    /// Markdown (`.md`, `.markdown`): `#` headings and `**` are structure.
    Markdown,
    /// A table with a text column (`.csv`, `.tsv`).
    Table { delimiter: u8 },
    /// One JSON object a line (`.jsonl`, `.ndjson`).
    JsonLines,
}

/// A file to read.
#[derive(Debug, Clone)]
pub struct InputFile {
    pub path: PathBuf,
    /// The path as shown in tables: as given on the command line, joined
    /// with the path inside a given folder, with `/` separators.
    pub source: String,
    pub kind: InputKind,
}

/// The files found under the inputs.
#[derive(Debug, Default)]
pub struct Found {
    pub files: Vec<InputFile>,
    /// `metadata.csv` sidecars found in input folders.
    pub sidecars: Vec<PathBuf>,
    /// Files in input folders that are not of a readable type (source, reason).
    pub ignored: Vec<(String, String)>,
}

/// The file name of a sidecar found in an input folder.
pub const SIDECAR_NAME: &str = "metadata.csv";

/// Output tables of `zhtext` itself are not read as input.
const OWN_TABLES: &[&str] = &[
    "documents.csv",
    "paragraphs.csv",
    "dropped.csv",
    "tokens.csv",
    "dtm.csv",
    "vocabulary.csv",
    "docs.csv",
    "terms.csv",
];

/// Walks the inputs, recursively and in sorted order (so that runs are
/// reproducible). Hidden files and folders are skipped.
pub fn find_inputs(paths: &[PathBuf]) -> Result<Found> {
    let mut found = Found::default();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|_| Error::NotFound(path.clone()))?;
        let shown = display_path(path);
        if meta.is_dir() {
            walk(path, &shown, &mut found)?;
        } else {
            let kind = kind_of(path).unwrap_or(InputKind::Text);
            found.files.push(InputFile { path: path.clone(), source: shown, kind });
        }
    }
    Ok(found)
}

fn walk(dir: &Path, shown: &str, found: &mut Found) -> Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| Error::Unreadable {
            path: shown.to_string(),
            reason: format!("cannot list the folder ({e})"),
            hint: "check its permissions".into(),
        })?
        .filter_map(|e| e.ok())
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name().to_string_lossy().to_string();
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        let child = if shown.is_empty() || shown == "." { name.clone() } else { format!("{shown}/{name}") };
        if path.is_dir() {
            walk(&path, &child, found)?;
        } else if name == SIDECAR_NAME {
            found.sidecars.push(path);
        } else if OWN_TABLES.contains(&name.as_str()) {
            found.ignored.push((child, "a table written by zhtext".into()));
        } else if let Some(kind) = kind_of(&path) {
            found.files.push(InputFile { path, source: child, kind });
        } else {
            let ext = path.extension().map(|e| e.to_string_lossy().to_string()).unwrap_or_default();
            let reason = if ext.is_empty() {
                "no file extension: name the file on the command line to read it as text".to_string()
            } else {
                format!(".{ext} is not a text type read by zhtext (.txt .md .csv .tsv .jsonl)")
            };
            found.ignored.push((child, reason));
        }
    }
    Ok(())
}

fn kind_of(path: &Path) -> Option<InputKind> {
    let ext = path.extension()?.to_string_lossy().to_lowercase();
    Some(match ext.as_str() {
        "txt" | "text" => InputKind::Text,
        "md" | "markdown" => InputKind::Markdown,
        "csv" => InputKind::Table { delimiter: b',' },
        "tsv" | "tab" => InputKind::Table { delimiter: b'\t' },
        "jsonl" | "ndjson" => InputKind::JsonLines,
        _ => return None,
    })
}

/// A path as the user wrote it, with `/` separators and no leading `./`.
pub fn display_path(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    let s = s.trim_start_matches("./").trim_end_matches('/');
    if s.is_empty() {
        ".".into()
    } else {
        s.to_string()
    }
}

/// Reads a small text file the user names with an option (a dictionary, a
/// stopword list, a themes file), in any encoding [`decode`] knows. `what`
/// names it in errors (`the dictionary`), `flag` is the option (`--dict`).
/// Returns the text and the path as shown.
pub fn read_user_file(path: &Path, what: &str, flag: &str) -> Result<(String, String)> {
    let shown = display_path(path);
    let bytes = std::fs::read(path).map_err(|e| Error::Unreadable {
        path: shown.clone(),
        reason: format!("cannot read {what} ({e})"),
        hint: format!("check the path given with {flag}"),
    })?;
    let (text, _) = decode(&bytes, None).map_err(|reason| Error::Unreadable {
        path: shown.clone(),
        reason,
        hint: format!("save {what} as UTF-8 text"),
    })?;
    Ok((text, shown))
}

/// Looks up an encoding by its WHATWG label (`gbk`, `gb18030`, `utf-16le`,
/// `big5`, `shift_jis`, …).
pub fn encoding_for_label(label: &str) -> Result<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
        Error::BadOption(format!(
            "--encoding {label}: unknown encoding; use a label such as utf-8, gb18030, gbk, big5, utf-16le, utf-16be"
        ))
    })
}

/// Decodes a file's bytes. Returns the text (without BOM) and the name of the
/// encoding, or the reason the file cannot be read as text.
pub fn decode(bytes: &[u8], forced: Option<&'static Encoding>) -> std::result::Result<(String, &'static str), String> {
    if let Some(enc) = forced {
        let body = match Encoding::for_bom(bytes) {
            Some((bom_enc, len)) if bom_enc == enc => &bytes[len..],
            _ => bytes,
        };
        return decode_strict(body, enc).map(|t| (t, enc.name()));
    }
    if let Some((enc, len)) = Encoding::for_bom(bytes) {
        let name = if enc == encoding_rs::UTF_8 { "UTF-8 (BOM)" } else { enc.name() };
        return decode_strict(&bytes[len..], enc).map(|t| (t, name));
    }
    if bytes.is_empty() {
        return Ok((String::new(), "UTF-8"));
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        return decode_strict(bytes, enc).map(|t| (t, enc.name()));
    }
    if bytes.contains(&0) {
        return Err("binary file (it contains NUL bytes)".into());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return check_text(text.to_string()).map(|t| (t, "UTF-8"));
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let mut enc = detector.guess(None, chardetng::Utf8Detection::Deny);
    if enc == encoding_rs::GBK {
        // GB18030 is the superset of GBK and decodes every GBK file.
        enc = encoding_rs::GB18030;
    }
    decode_strict(bytes, enc)
        .map(|t| (t, enc.name()))
        .map_err(|_| format!("not valid UTF-8, and not valid {} either (the likeliest legacy encoding)", enc.name()))
}

fn decode_strict(bytes: &[u8], enc: &'static Encoding) -> std::result::Result<String, String> {
    match enc.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => check_text(text.into_owned()),
        None => Err(format!("not valid {}", enc.name())),
    }
}

/// Text with many control characters is binary data that happened to decode.
fn check_text(text: String) -> std::result::Result<String, String> {
    let total = text.chars().count();
    let control = text.chars().filter(|&c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')).count();
    if total > 0 && control * 100 > total {
        return Err(format!("binary file ({control} control characters in {total})"));
    }
    Ok(text)
}

/// UTF-16 without a BOM: in text that is mostly ASCII or CJK, one byte of
/// every pair is zero (ASCII) far more often than the other.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 8 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let pairs = bytes.len() / 2;
    let even_zero = bytes.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_zero = bytes.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if odd_zero * 3 > pairs && even_zero * 20 < pairs {
        Some(encoding_rs::UTF_16LE)
    } else if even_zero * 3 > pairs && odd_zero * 20 < pairs {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_each_encoding() {
        let text = "习近平主持召开座谈会。2023年";
        assert_eq!(decode(text.as_bytes(), None).unwrap(), (text.to_string(), "UTF-8"));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(text.as_bytes());
        assert_eq!(decode(&bom, None).unwrap().0, text);
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        assert_eq!(decode(&gbk, None).unwrap(), (text.to_string(), "gb18030"));
        let mut utf16: Vec<u8> = vec![0xFF, 0xFE];
        for u in text.encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&utf16, None).unwrap(), (text.to_string(), "UTF-16LE"));
    }

    #[test]
    fn rejects_binary() {
        let png = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, b'I', b'H', b'D', b'R', 1];
        assert!(decode(&png, None).unwrap_err().contains("binary"));
    }
}
