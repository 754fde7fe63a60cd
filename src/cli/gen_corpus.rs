//! `zhtext gen-corpus` (hidden): writes the throughput corpus for the
//! benchmarks — the cleaned paragraphs of a corpus (the seeds by default),
//! deterministically shuffled and dealt out into dated documents of 20 to 80
//! paragraphs, one markdown file each, until the target size is reached.

use super::args::IngestArgs;
use crate::corpus;
use crate::error::{Error, Result};
use crate::stats::rng::SplitMix;
use clap::Args;
use std::fmt::Write as _;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct GenCorpusCmd {
    /// Corpus whose paragraphs are repeated
    #[arg(value_name = "INPUT", default_value = "seeds")]
    inputs: Vec<PathBuf>,
    /// Target size: 20MB, 100MB, 500KB (decimal units)
    #[arg(long, default_value = "20MB")]
    size: String,
    /// Seed of the shuffle
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Output folder (files go in subfolders of 1,000)
    #[arg(short, long, value_name = "DIR")]
    output: PathBuf,
    #[command(flatten)]
    ingest: IngestArgs,
}

fn parse_size(s: &str) -> Result<u64> {
    let t = s.trim().to_ascii_uppercase();
    let (num, unit) = t.split_at(t.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(t.len()));
    let mult = match unit {
        "" | "B" => 1,
        "KB" | "K" => 1_000,
        "MB" | "M" => 1_000_000,
        "GB" | "G" => 1_000_000_000,
        _ => return Err(Error::BadOption(format!("--size {s}: use a number with KB, MB or GB, e.g. 20MB"))),
    };
    let n: f64 = num.trim().parse().map_err(|_| Error::BadOption(format!("--size {s}: not a size, e.g. 20MB")))?;
    Ok((n * mult as f64) as u64)
}

impl GenCorpusCmd {
    pub fn run(&self) -> Result<()> {
        let target = parse_size(&self.size)?;
        let source = corpus::ingest(&self.inputs, &self.ingest.options())?;
        let unique: Vec<&corpus::Document> = source.unique_documents().collect();
        let mut pool: Vec<&str> = unique.iter().flat_map(|d| d.paragraphs.iter().skip(1)).map(String::as_str).collect();
        pool.retain(|p| p.chars().count() >= 8);
        let titles: Vec<&str> = unique.iter().map(|d| d.title.as_str()).filter(|t| !t.is_empty()).collect();
        if pool.is_empty() || titles.is_empty() {
            return Err(Error::NoInput("gen-corpus: the input has no paragraphs to repeat".into()));
        }
        let mut rng = SplitMix(self.seed);
        rng.shuffle(&mut pool);
        let mut next = 0;
        let (mut written, mut n_docs) = (0u64, 0usize);
        crate::io::create_dir(&self.output)?;
        while written < target {
            let mut text = String::new();
            let day = n_docs * 7919 % 2191; // spread over six years
            let date = chrono_like(2018, day);
            let _ = writeln!(text, "# {}\n\n（{}，北京）\n", titles[rng.below(titles.len())], date);
            for _ in 0..20 + rng.below(61) {
                if next == pool.len() {
                    rng.shuffle(&mut pool);
                    next = 0;
                }
                let _ = writeln!(text, "{}\n", pool[next]);
                next += 1;
            }
            let dir = self.output.join(format!("{:03}", n_docs / 1000));
            crate::io::create_dir(&dir)?;
            let path = dir.join(format!("{n_docs:06}.md"));
            crate::io::write_atomic(&path, |out| std::io::Write::write_all(out, text.as_bytes()))?;
            written += text.len() as u64;
            n_docs += 1;
        }
        say!("gen-corpus: {n_docs} documents, {written} bytes in {}", self.output.display());
        Ok(())
    }
}

/// `YYYY年M月D日` for day `day` (0-based) counted from 1 January of `year`.
fn chrono_like(year: i32, day: usize) -> String {
    let mut y = year;
    let mut left = day;
    loop {
        let len = if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 { 366 } else { 365 };
        if left < len {
            break;
        }
        left -= len;
        y += 1;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let months = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut m = 0;
    while left >= months[m] {
        left -= months[m];
        m += 1;
    }
    format!("{y}年{}月{}日", m + 1, left + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_dates() {
        assert_eq!(parse_size("20MB").unwrap(), 20_000_000);
        assert_eq!(parse_size("1.5kb").unwrap(), 1_500);
        assert!(parse_size("lots").is_err());
        assert_eq!(chrono_like(2018, 0), "2018年1月1日");
        assert_eq!(chrono_like(2018, 365 + 59), "2019年3月1日");
        assert_eq!(chrono_like(2020, 59), "2020年2月29日");
    }
}
