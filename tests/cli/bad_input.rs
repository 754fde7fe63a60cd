//! Bad input: each case gets a one-line message that names the file, says
//! what is wrong and what to do, exits with status 2, and leaves no output
//! folder behind.

use crate::common::{read_csv, stderr, tempdir, zhtext};
use std::path::Path;
use std::process::Output;

fn ingest(inputs: &[&Path], out: &Path, extra: &[&str]) -> Output {
    let mut cmd = zhtext();
    cmd.arg("ingest");
    for i in inputs {
        cmd.arg(i);
    }
    cmd.arg("-o").arg(out).args(extra);
    cmd.output().unwrap()
}

/// The run failed with one line naming `file` and containing `words`, and
/// wrote nothing.
fn assert_fails(out: &Output, out_dir: &Path, file: &str, words: &[&str]) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(2), "stderr: {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(err.starts_with("zhtext: error: "), "{err}");
    assert!(err.contains(file), "names {file}: {err}");
    for w in words {
        assert!(err.contains(w), "says `{w}`: {err}");
    }
    assert!(!err.contains("panicked"), "{err}");
    assert!(!out_dir.exists(), "no output folder after a failed run");
}

const GOOD: &str = "# 测试标题\n\n2023年11月30日，习近平在上海主持召开座谈会并发表重要讲话。\n";

#[test]
fn path_that_does_not_exist() {
    let dir = tempdir();
    let out = dir.path().join("out");
    let missing = dir.path().join("no-such-folder");
    let run = ingest(&[&missing], &out, &[]);
    assert_fails(&run, &out, "no-such-folder", &["no such file or folder"]);
}

#[test]
fn folder_with_no_readable_files() {
    let dir = tempdir();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(input.join("scan.pdf"), b"%PDF-1.4").unwrap();
    std::fs::write(input.join("photo.jpg"), [0xFF, 0xD8, 0xFF]).unwrap();
    let out = dir.path().join("out");
    let run = ingest(&[&input], &out, &[]);
    assert_fails(&run, &out, "in", &["no readable files", ".txt .md .csv .tsv .jsonl", "2 other files ignored"]);
}

#[test]
fn empty_file_is_skipped_or_an_error_with_strict() {
    let dir = tempdir();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(input.join("empty.txt"), "").unwrap();
    let out = dir.path().join("out");
    let run = ingest(&[&input], &out, &[]);
    assert_fails(&run, &out, "empty.txt", &["no documents found", "empty file"]);

    std::fs::write(input.join("good.txt"), GOOD).unwrap();
    let run = ingest(&[&input], &out, &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("skipped in/empty.txt: empty file") || stderr(&run).contains("empty.txt: empty file")
    );
    let dropped = read_csv(&out.join("dropped.csv"));
    assert!(dropped.iter().any(|d| d["what"] == "file" && d["source"].ends_with("empty.txt")));
    std::fs::remove_dir_all(&out).unwrap();

    let run = ingest(&[&input], &out, &["--strict"]);
    assert_fails(&run, &out, "empty.txt", &["empty file", "remove it"]);
}

#[test]
fn binary_file_is_reported_by_name() {
    let dir = tempdir();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(input.join("good.txt"), GOOD).unwrap();
    let png = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, b'I', b'H', b'D', b'R', 0, 1];
    std::fs::write(input.join("image.txt"), png).unwrap();
    let out = dir.path().join("out");
    let run = ingest(&[&input], &out, &[]);
    assert!(run.status.success());
    assert!(stderr(&run).contains("image.txt: binary file"), "{}", stderr(&run));
    assert!(stderr(&run).contains("files: 1 read, 1 skipped"), "{}", stderr(&run));
    std::fs::remove_dir_all(&out).unwrap();
    let run = ingest(&[&input], &out, &["--strict"]);
    assert_fails(&run, &out, "image.txt", &["binary file"]);
}

#[test]
fn gbk_and_utf16_files_are_decoded() {
    let dir = tempdir();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let text = "中共中央政治局11月27日召开会议，审议《关于进一步推动长江经济带高质量发展若干政策措施的意见》。";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    std::fs::write(input.join("gbk.txt"), &gbk).unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    for u in text.replace("11月27日", "11月28日").encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    std::fs::write(input.join("utf16.txt"), utf16).unwrap();
    let out = dir.path().join("out");
    let run = ingest(&[&input], &out, &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    let docs = read_csv(&out.join("documents.csv"));
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["text"], text);
    assert_eq!(docs[0]["title"], "gbk", "an untitled file is named by its file");
    assert_eq!(docs[1]["text"], text.replace("11月27日", "11月28日"));
    // A wrong --encoding is an error for the file, with --strict.
    let out2 = dir.path().join("out2");
    let run = ingest(&[&input.join("gbk.txt")], &out2, &["--encoding", "utf-8", "--strict"]);
    assert_fails(&run, &out2, "gbk.txt", &["not valid UTF-8", "--encoding"]);
    let run = ingest(&[&input], &out2, &["--encoding", "klingon"]);
    assert_fails(&run, &out2, "klingon", &["unknown encoding"]);
}

#[test]
fn csv_without_a_text_column() {
    let dir = tempdir();
    let csv = dir.path().join("speeches.csv");
    std::fs::write(&csv, "标题,日期\n讲话,2023-11-15\n").unwrap();
    let out = dir.path().join("out");
    let run = ingest(&[&csv], &out, &["--strict"]);
    assert_fails(&run, &out, "speeches.csv", &["no text column", "--text-col"]);
    let run = ingest(&[&csv], &out, &[]);
    assert_fails(&run, &out, "speeches.csv", &["no documents found", "no text column"]);
    let run = ingest(&[&csv], &out, &["--text-col", "正文"]);
    assert_fails(&run, &out, "speeches.csv", &["no column `正文`"]);
}

#[test]
fn csv_with_metadata_columns() {
    let dir = tempdir();
    let csv = dir.path().join("speeches.csv");
    std::fs::write(
        &csv,
        "标题,日期,正文,speaker\n在亚太经合组织会议上的讲话,2023/11/17,\"很高兴同大家相聚在美丽的旧金山。\",习近平\n贺信,2023,中国学是历史中国之学。,习近平\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let run = ingest(&[&csv], &out, &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    let docs = read_csv(&out.join("documents.csv"));
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["doc_id"], "speeches#1");
    assert_eq!(docs[0]["date"], "2023-11-17");
    assert_eq!(docs[0]["date_source"], "column");
    assert_eq!(docs[0]["genre"], "speech");
    assert_eq!(docs[0]["speaker"], "习近平");
    assert_eq!(docs[1]["date"], "2023", "a year alone stays a year");
}

#[test]
fn jsonl_with_one_broken_line() {
    let dir = tempdir();
    let jsonl = dir.path().join("wire.jsonl");
    std::fs::write(
        &jsonl,
        "{\"title\":\"致贺信\",\"date\":\"2023-11-24\",\"content\":\"习近平向世界中国学大会致贺信。\"}\n{\"title\": \"broken\n{\"title\":\"致信\",\"date\":\"2023-11-05\",\"content\":\"习近平向第六届中国国际进口博览会致信。\"}\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let run = ingest(&[&jsonl], &out, &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(stderr(&run).contains("wire.jsonl:2: invalid JSON"), "{}", stderr(&run));
    let docs = read_csv(&out.join("documents.csv"));
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[1]["date"], "2023-11-05");
    let dropped = read_csv(&out.join("dropped.csv"));
    assert!(dropped.iter().any(|d| d["what"] == "line" && d["line"] == "2"));
    std::fs::remove_dir_all(&out).unwrap();
    let run = ingest(&[&jsonl], &out, &["--strict"]);
    assert_fails(&run, &out, "wire.jsonl:2", &["invalid JSON", "fix or remove that line"]);
}
