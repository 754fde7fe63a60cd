//! Throughput of ingest + segment + dtm, end to end, as a user runs it:
//! `zhtext dtm <folder of raw files>` on the synthetic throughput corpus
//! (`zhtext gen-corpus`), with 1 and 2 threads. Reports MB/s and the peak
//! resident memory of the `zhtext` process (from `wait4`).
//!
//! Run: `cargo bench --bench throughput` (sizes: `ZHTEXT_BENCH_SIZES=20MB,100MB`).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

fn folder_bytes(dir: &Path) -> u64 {
    let mut total = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        total += if path.is_dir() { folder_bytes(&path) } else { std::fs::metadata(&path).unwrap().len() };
    }
    total
}

/// Runs a command; returns (seconds, peak resident set in bytes).
fn measure(cmd: &mut Command) -> (f64, u64) {
    let start = Instant::now();
    let child = cmd.spawn().expect("zhtext runs");
    let mut status = 0;
    // SAFETY: rusage is plain data; wait4 fills it for our own child, which
    // it also reaps (so `child` is not waited on again).
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let secs = start.elapsed().as_secs_f64();
    std::mem::forget(child);
    assert_eq!(r, pid, "wait4");
    assert!(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0, "zhtext failed");
    (secs, usage.ru_maxrss as u64 * 1024)
}

fn main() {
    let exe = env!("CARGO_BIN_EXE_zhtext");
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let base = root.join("target/bench-corpus");
    let sizes = std::env::var("ZHTEXT_BENCH_SIZES").unwrap_or_else(|_| "20MB,100MB".into());
    println!("| corpus | threads | seconds | MB/s | peak memory | memory / corpus |");
    println!("|---|---|---|---|---|---|");
    for size in sizes.split(',') {
        let dir = base.join(size);
        if !dir.join(".done").exists() {
            let _ = std::fs::remove_dir_all(&dir);
            let status = Command::new(exe)
                .args(["gen-corpus", "seeds", "--size", size, "-o"])
                .arg(&dir)
                .current_dir(&root)
                .status()
                .unwrap();
            assert!(status.success(), "gen-corpus");
            std::fs::write(dir.join(".done"), "").unwrap();
        }
        let bytes = folder_bytes(&dir);
        for threads in ["1", "2"] {
            let out = base.join(format!("out-{size}-{threads}"));
            let (secs, rss) = measure(
                Command::new(exe)
                    .args(["dtm", "--threads", threads, "-o"])
                    .arg(&out)
                    .arg(&dir)
                    .env("CI", "1")
                    .stderr(std::process::Stdio::null()),
            );
            let mb = bytes as f64 / 1e6;
            println!(
                "| {size} ({bytes} bytes) | {threads} | {secs:.2} | {:.1} | {:.0} MB | {:.2}× |",
                mb / secs,
                rss as f64 / 1e6,
                rss as f64 / bytes as f64
            );
            let _ = std::fs::remove_dir_all(&out);
        }
    }
}
