//! Writing tables: CSV (optionally with the UTF-8 BOM Excel needs) and
//! Parquet, each written to a temporary file and renamed into place, so a
//! failed run never leaves a half-written table. Large tables are written in
//! batches, so they never need to be in memory whole.

use crate::error::{Error, Result};
use polars::prelude::*;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// How to write tables.
#[derive(Debug, Clone, Copy, Default)]
pub struct WriteOptions {
    /// Start CSV files with a UTF-8 BOM (for Excel).
    pub excel: bool,
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
        finish_file(out)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(write_error(path)(e));
    }
    std::fs::rename(&tmp, path).map_err(write_error(path))
}

fn finish_file(mut out: BufWriter<File>) -> std::io::Result<()> {
    out.flush()?;
    out.into_inner().map_err(|e| e.into_error())?.sync_all()
}

/// Writes `df` as `<dir>/<name>.csv` and `<dir>/<name>.parquet`.
pub fn write_table(dir: &Path, name: &str, df: &mut DataFrame, opts: WriteOptions) -> Result<()> {
    write_table_batches(dir, name, opts, std::iter::once(Ok(std::mem::take(df))))
}

/// Writes a table given in batches (all with the same columns; at least one,
/// possibly empty) as `<dir>/<name>.csv` and `<dir>/<name>.parquet`, in one
/// pass.
pub fn write_table_batches(
    dir: &Path,
    name: &str,
    opts: WriteOptions,
    mut batches: impl Iterator<Item = Result<DataFrame>>,
) -> Result<()> {
    let csv_path = dir.join(format!("{name}.csv"));
    let parquet_path = dir.join(format!("{name}.parquet"));
    let (csv_tmp, parquet_tmp) = (tmp_path(&csv_path), tmp_path(&parquet_path));
    let table_error = |source| Error::Table { table: name.to_string(), source };
    let result = (|| -> Result<()> {
        let first = batches.next().unwrap_or_else(|| Ok(DataFrame::empty()))?;
        let schema = first.schema().clone();
        let csv_file = BufWriter::new(File::create(&csv_tmp).map_err(write_error(&csv_path))?);
        let parquet_file = BufWriter::new(File::create(&parquet_tmp).map_err(write_error(&parquet_path))?);
        let mut csv = CsvWriter::new(csv_file).include_bom(opts.excel).batched(&schema).map_err(table_error)?;
        let parquet = ParquetWriter::new(parquet_file)
            .with_compression(ParquetCompression::Zstd(None))
            .batched(&schema)
            .map_err(table_error)?;
        let mut parquet = parquet;
        for batch in std::iter::once(Ok(first)).chain(batches) {
            let mut batch = batch?;
            batch.rechunk_mut();
            csv.write_batch(&batch).map_err(table_error)?;
            parquet.write_batch(&batch).map_err(table_error)?;
        }
        csv.finish().map_err(table_error)?;
        parquet.finish().map_err(table_error)?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&csv_tmp);
        let _ = std::fs::remove_file(&parquet_tmp);
        return result;
    }
    std::fs::rename(&csv_tmp, &csv_path).map_err(write_error(&csv_path))?;
    std::fs::rename(&parquet_tmp, &parquet_path).map_err(write_error(&parquet_path))
}
