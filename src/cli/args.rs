//! Argument groups shared by several commands.

use crate::corpus::IngestOptions;
use clap::Args;
use std::path::PathBuf;

/// How raw files are read (every command that reads raw files takes these).
#[derive(Debug, Clone, Args)]
pub struct IngestArgs {
    /// Column with the text in CSV/TSV/JSONL input [default: guessed from
    /// text, content, body, 正文, 内容, 文本]
    #[arg(long, value_name = "NAME")]
    pub text_col: Option<String>,
    /// Column with the date [default: guessed from date, time, year, 日期, 时间, 年份]
    #[arg(long, value_name = "NAME")]
    pub date_col: Option<String>,
    /// Column with the title [default: guessed from title, headline, 标题, 题目]
    #[arg(long, value_name = "NAME")]
    pub title_col: Option<String>,
    /// Read every file in this encoding instead of detecting it (utf-8,
    /// gb18030, gbk, big5, utf-16le, utf-16be, …)
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<String>,
    /// Stop at an unreadable file or a broken line instead of skipping it
    #[arg(long)]
    pub strict: bool,
    /// Sidecar metadata CSV (a `file` column; any of title, date, source,
    /// genre); overrides what is inferred. Repeatable
    #[arg(long, value_name = "FILE")]
    pub meta: Vec<PathBuf>,
    /// Do not read the metadata.csv files found in input folders
    #[arg(long)]
    pub no_sidecar: bool,
}

impl IngestArgs {
    pub fn options(&self) -> IngestOptions {
        IngestOptions {
            text_col: self.text_col.clone(),
            date_col: self.date_col.clone(),
            title_col: self.title_col.clone(),
            encoding: self.encoding.clone(),
            strict: self.strict,
            meta: self.meta.clone(),
            no_sidecar: self.no_sidecar,
        }
    }
}

/// Where and how tables are written.
#[derive(Debug, Clone, Args)]
pub struct OutputArgs {
    /// Output folder
    #[arg(short, long, value_name = "DIR", default_value = "zhtext-out")]
    pub output: PathBuf,
    /// Write CSV files with a UTF-8 BOM, so that Excel shows Chinese
    #[arg(long)]
    pub excel: bool,
}
