//! Writing tables: CSV (optionally with the UTF-8 BOM Excel needs), Parquet,
//! Markdown and LaTeX (booktabs), each written to a temporary file and renamed
//! into place, so a failed run never leaves a half-written table. Large tables
//! are written in batches, so they never need to be in memory whole.
//!
//! CSV and Parquet keep full precision; Markdown and LaTeX round numbers for
//! reading (see [`round_for_reading`]).

use crate::error::{Error, Result};
use polars::prelude::*;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// A table file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum Format {
    Csv,
    Parquet,
    Md,
    Tex,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Parquet => "parquet",
            Format::Md => "md",
            Format::Tex => "tex",
        }
    }
}

/// How to write tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteOptions {
    /// Start CSV files with a UTF-8 BOM (for Excel).
    pub excel: bool,
    /// The formats to write (each table as `<name>.<ext>`).
    pub formats: Vec<Format>,
}

impl Default for WriteOptions {
    fn default() -> Self {
        WriteOptions { excel: false, formats: vec![Format::Csv, Format::Parquet] }
    }
}

/// Creates the output folder (and its parents).
pub fn create_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|source| Error::Write { path: dir.display().to_string(), source })
}

fn tmp_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".tmp");
    path.with_file_name(name)
}

fn write_error(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |source| Error::Write { path: path.display().to_string(), source }
}

/// Writes bytes to `path` through a temporary file in the same folder.
pub fn write_atomic(path: &Path, write: impl FnOnce(&mut BufWriter<File>) -> std::io::Result<()>) -> Result<()> {
    let tmp = tmp_path(path);
    let result = (|| {
        let mut out = BufWriter::new(File::create(&tmp)?);
        write(&mut out)?;
        out.flush()?;
        out.into_inner().map_err(|e| e.into_error())?.sync_all()
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(write_error(path)(e));
    }
    std::fs::rename(&tmp, path).map_err(write_error(path))
}

/// Writes `df` as `<dir>/<name>.<ext>` for each format.
pub fn write_table(dir: &Path, name: &str, df: &mut DataFrame, opts: &WriteOptions) -> Result<()> {
    write_table_batches(dir, name, opts, std::iter::once(Ok(std::mem::take(df))))
}

/// One open output file of a table.
enum Sink {
    Csv(polars::io::csv::write::BatchedWriter<BufWriter<File>>),
    Parquet(Box<polars::io::parquet::write::BatchedWriter<BufWriter<File>>>),
    Md(BufWriter<File>),
    Tex(BufWriter<File>),
}

/// Writes a table given in batches (all with the same columns; at least one,
/// possibly empty), in every format, in one pass.
pub fn write_table_batches(
    dir: &Path,
    name: &str,
    opts: &WriteOptions,
    mut batches: impl Iterator<Item = Result<DataFrame>>,
) -> Result<()> {
    let paths: Vec<PathBuf> = opts.formats.iter().map(|f| dir.join(format!("{name}.{}", f.extension()))).collect();
    let table_error = |source| Error::Table { table: name.to_string(), source };
    let result = (|| -> Result<()> {
        let first = batches.next().unwrap_or_else(|| Ok(DataFrame::empty()))?;
        let schema = first.schema().clone();
        let names: Vec<String> = first.get_column_names().iter().map(|n| n.to_string()).collect();
        let mut sinks = Vec::new();
        for (format, path) in opts.formats.iter().zip(&paths) {
            let file = BufWriter::new(File::create(tmp_path(path)).map_err(write_error(path))?);
            sinks.push(match format {
                Format::Csv => {
                    Sink::Csv(CsvWriter::new(file).include_bom(opts.excel).batched(&schema).map_err(table_error)?)
                }
                Format::Parquet => Sink::Parquet(Box::new(
                    ParquetWriter::new(file)
                        .with_compression(ParquetCompression::Zstd(None))
                        .batched(&schema)
                        .map_err(table_error)?,
                )),
                Format::Md => {
                    let mut file = file;
                    markdown_header(&mut file, &names).map_err(write_error(path))?;
                    Sink::Md(file)
                }
                Format::Tex => {
                    let mut file = file;
                    latex_header(&mut file, &first).map_err(write_error(path))?;
                    Sink::Tex(file)
                }
            });
        }
        for batch in std::iter::once(Ok(first)).chain(batches) {
            let mut batch = batch?;
            batch.rechunk_mut();
            for (sink, path) in sinks.iter_mut().zip(&paths) {
                match sink {
                    Sink::Csv(w) => w.write_batch(&batch).map_err(table_error)?,
                    Sink::Parquet(w) => w.write_batch(&batch).map_err(table_error)?,
                    Sink::Md(w) => text_rows(w, &batch, markdown_row).map_err(write_error(path))?,
                    Sink::Tex(w) => text_rows(w, &batch, latex_row).map_err(write_error(path))?,
                }
            }
        }
        for (sink, path) in sinks.into_iter().zip(&paths) {
            match sink {
                Sink::Csv(mut w) => w.finish().map_err(table_error)?,
                Sink::Parquet(w) => {
                    w.finish().map_err(table_error)?;
                }
                Sink::Md(mut w) => w.flush().map_err(write_error(path))?,
                Sink::Tex(mut w) => {
                    writeln!(w, "\\bottomrule\n\\end{{tabular}}").and_then(|_| w.flush()).map_err(write_error(path))?
                }
            }
        }
        Ok(())
    })();
    if result.is_err() {
        for path in &paths {
            let _ = std::fs::remove_file(tmp_path(path));
        }
        return result;
    }
    for path in &paths {
        std::fs::rename(tmp_path(path), path).map_err(write_error(path))?;
    }
    Ok(())
}

/// A number as shown in Markdown and LaTeX tables: integers as they are; other
/// numbers to four significant digits (at most three decimals when the number
/// is 1 or more), in scientific notation when very small (p-values).
pub fn round_for_reading(x: f64) -> String {
    if !x.is_finite() {
        return if x.is_nan() {
            String::new()
        } else if x > 0.0 {
            "∞".into()
        } else {
            "−∞".into()
        };
    }
    if x == x.trunc() && x.abs() < 1e15 {
        return format!("{}", x as i64);
    }
    let a = x.abs();
    if a < 1e-4 {
        return format!("{x:.2e}");
    }
    let decimals = if a >= 100.0 {
        1
    } else if a >= 1.0 {
        3
    } else {
        (3 - a.log10().floor() as i32).clamp(0, 8) as usize
    };
    let s = format!("{x:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

fn cell(v: AnyValue) -> String {
    match v {
        AnyValue::Null => String::new(),
        AnyValue::Float64(x) => round_for_reading(x),
        AnyValue::Float32(x) => round_for_reading(x as f64),
        AnyValue::String(s) => s.to_string(),
        AnyValue::StringOwned(s) => s.to_string(),
        AnyValue::Boolean(b) => b.to_string(),
        other => other.to_string(),
    }
}

fn text_rows(
    out: &mut BufWriter<File>,
    df: &DataFrame,
    row: fn(&mut BufWriter<File>, &[String]) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let columns = df.columns();
    for i in 0..df.height() {
        let cells: Vec<String> = columns.iter().map(|c| cell(c.get(i).unwrap_or(AnyValue::Null))).collect();
        row(out, &cells)?;
    }
    Ok(())
}

fn markdown_header(out: &mut BufWriter<File>, names: &[String]) -> std::io::Result<()> {
    markdown_row(out, names)?;
    writeln!(out, "|{}|", names.iter().map(|_| "---").collect::<Vec<_>>().join("|"))
}

fn markdown_row(out: &mut BufWriter<File>, cells: &[String]) -> std::io::Result<()> {
    let cells: Vec<String> = cells.iter().map(|c| c.replace('|', "\\|").replace('\n', " ")).collect();
    writeln!(out, "| {} |", cells.join(" | "))
}

/// LaTeX with booktabs: numeric columns right-aligned. Chinese text needs
/// xeCJK (or ctex) in the document's preamble.
fn latex_header(out: &mut BufWriter<File>, df: &DataFrame) -> std::io::Result<()> {
    let align: String = df.columns().iter().map(|c| if c.dtype().is_primitive_numeric() { 'r' } else { 'l' }).collect();
    writeln!(out, "% requires \\usepackage{{booktabs}}; Chinese text needs xeCJK or ctex (XeLaTeX)")?;
    writeln!(out, "\\begin{{tabular}}{{{align}}}\n\\toprule")?;
    let names: Vec<String> = df.get_column_names().iter().map(|n| n.to_string()).collect();
    latex_row(out, &names)?;
    writeln!(out, "\\midrule")
}

fn latex_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '&' | '%' | '$' | '#' | '_' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '\n' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

fn latex_row(out: &mut BufWriter<File>, cells: &[String]) -> std::io::Result<()> {
    let cells: Vec<String> = cells.iter().map(|c| latex_escape(c)).collect();
    writeln!(out, "{} \\\\", cells.join(" & "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_for_reading() {
        assert_eq!(round_for_reading(12.0), "12");
        assert_eq!(round_for_reading(123.456789), "123.5");
        assert_eq!(round_for_reading(4.56789), "4.568");
        assert_eq!(round_for_reading(0.0123456), "0.01235");
        assert_eq!(round_for_reading(0.5), "0.5");
        assert_eq!(round_for_reading(0.000012345), "1.23e-5");
        assert_eq!(round_for_reading(-2.5), "-2.5");
    }

    #[test]
    fn writes_every_format() {
        let dir = tempfile::tempdir().unwrap();
        let mut df = DataFrame::new(
            2,
            vec![
                Column::new("term".into(), ["发展", "a_b"]),
                Column::new("n".into(), [3u32, 1]),
                Column::new("rate".into(), [0.123456, 2.0 / 3.0]),
            ],
        )
        .unwrap();
        let opts = WriteOptions { excel: true, formats: vec![Format::Csv, Format::Md, Format::Tex] };
        write_table(dir.path(), "t", &mut df, &opts).unwrap();
        let csv = std::fs::read(dir.path().join("t.csv")).unwrap();
        assert!(csv.starts_with(&[0xEF, 0xBB, 0xBF]));
        assert!(String::from_utf8_lossy(&csv).contains("发展,3,0.123456"));
        let md = std::fs::read_to_string(dir.path().join("t.md")).unwrap();
        assert_eq!(md, "| term | n | rate |\n|---|---|---|\n| 发展 | 3 | 0.1235 |\n| a_b | 1 | 0.6667 |\n");
        let tex = std::fs::read_to_string(dir.path().join("t.tex")).unwrap();
        assert!(tex.contains("\\begin{tabular}{lrr}\n\\toprule\nterm & n & rate \\\\\n\\midrule\n发展 & 3 & 0.1235 \\\\\na\\_b & 1 & 0.6667 \\\\\n\\bottomrule"));
        assert!(!dir.path().join("t.parquet").exists());
    }
}
