//! Writing tables: CSV (optionally with the UTF-8 BOM Excel needs) and
//! Parquet, each written to a temporary file and renamed into place, so a
//! failed run never leaves a half-written table.

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

/// Writes bytes to `path` through a temporary file in the same folder.
pub fn write_atomic(path: &Path, write: impl FnOnce(&mut BufWriter<File>) -> std::io::Result<()>) -> Result<()> {
    let err = |source| Error::Write { path: path.display().to_string(), source };
    let tmp = tmp_path(path);
    let result = (|| {
        let mut out = BufWriter::new(File::create(&tmp)?);
        write(&mut out)?;
        out.flush()?;
        out.into_inner().map_err(|e| e.into_error())?.sync_all()
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(err(e));
    }
    std::fs::rename(&tmp, path).map_err(err)
}

fn tmp_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".tmp");
    path.with_file_name(name)
}

fn polars_io(e: PolarsError) -> std::io::Error {
    std::io::Error::other(e.to_string())
}

/// Writes `df` as `<dir>/<name>.csv` and `<dir>/<name>.parquet`.
pub fn write_table(dir: &Path, name: &str, df: &mut DataFrame, opts: WriteOptions) -> Result<()> {
    write_atomic(&dir.join(format!("{name}.csv")), |out| {
        CsvWriter::new(out).include_bom(opts.excel).finish(df).map_err(polars_io)
    })?;
    write_atomic(&dir.join(format!("{name}.parquet")), |out| {
        ParquetWriter::new(out)
            .with_compression(ParquetCompression::Zstd(None))
            .finish(df)
            .map(|_| ())
            .map_err(polars_io)
    })
}
