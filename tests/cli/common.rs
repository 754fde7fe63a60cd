//! Helpers: run the binary, read its CSV tables.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn zhtext() -> Command {
    Command::new(env!("CARGO_BIN_EXE_zhtext"))
}

/// The repository root (where `seeds/` is).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs zhtext with `args` in the repository root.
pub fn run(args: &[&str]) -> Output {
    zhtext().args(args).current_dir(root()).output().expect("the zhtext binary runs")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).to_string()
}

/// A table as a list of rows keyed by column name.
pub fn read_csv(path: &Path) -> Vec<HashMap<String, String>> {
    let mut reader = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let headers: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            headers.iter().cloned().zip(r.iter().map(str::to_string)).collect()
        })
        .collect()
}

/// A fresh temporary folder that lives as long as the returned guard.
pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder")
}

/// Runs zhtext; it must succeed. Returns its stderr.
pub fn ok(args: &[&str]) -> String {
    let out = run(args);
    assert!(out.status.success(), "zhtext {}: {}", args.join(" "), stderr(&out));
    stderr(&out)
}

/// Runs zhtext; it must fail with status 2 and one line on stderr that
/// contains every one of `words`.
pub fn fails(args: &[&str], words: &[&str]) {
    let out = run(args);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "zhtext {}: {err}", args.join(" "));
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    for w in words {
        assert!(err.contains(w), "says `{w}`: {err}");
    }
}

/// The SVG parses as XML and contains `texts` as text.
pub fn svg_has(path: &Path, texts: &[&str]) {
    let svg = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let all: Vec<&str> = doc.descendants().filter(|n| n.is_text()).filter_map(|n| n.text()).collect();
    for t in texts {
        assert!(all.iter().any(|s| s.contains(t)), "{}: no text {t}", path.display());
    }
}
