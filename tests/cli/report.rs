//! `zhtext report` on the seeds: every stage's folder, the page, the
//! manifest, the configuration file, and bad input.

use crate::common::{fails, ok, read_csv, root, tempdir};

#[test]
fn one_command_writes_every_stage_a_page_and_a_manifest() {
    let dir = tempdir();
    let out = dir.path().join("r");
    let log = ok(&["report", "seeds", "-o", out.to_str().unwrap()]);
    // One line per stage: ingest … formulas, keyness once per genre with two
    // documents or more (instruction has one unique document).
    let stages: Vec<&str> =
        log.lines().filter(|l| l.starts_with('[')).map(|l| l[5..].split(' ').next().unwrap()).collect();
    assert_eq!(
        stages,
        [
            "ingest",
            "tokens",
            "dtm",
            "freq",
            "tfidf",
            "keyness/article",
            "keyness/inspection",
            "keyness/letter",
            "keyness/meeting",
            "keyness/other",
            "keyness/speech",
            "similar",
            "topics",
            "colloc",
            "formulas"
        ]
    );
    for file in [
        "ingest/documents.parquet",
        "dtm/dtm.mtx",
        "freq/freq_terms.svg",
        "freq/themes_by_group.csv",
        "keyness/speech/keyness.svg",
        "topics/topic_prevalence.svg",
        "colloc/collocations.parquet",
        "formulas/formulas.svg",
        "config/themes.toml",
    ] {
        assert!(out.join(file).is_file(), "{file}");
    }
    // The seeds span 2023-11-03 to 2023-12-28: weekly series; the five most
    // frequent terms are followed.
    let terms = read_csv(&out.join("freq/freq_terms.csv"));
    assert!(terms.iter().all(|r| r["week"].starts_with("2023-W")));
    let followed: std::collections::BTreeSet<&str> = terms.iter().map(|r| r["term"].as_str()).collect();
    assert_eq!(followed.len(), 5);
    assert!(followed.contains("发展"));

    let page = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(page.contains("<th>documents</th><td>40 (33 unique, 7 copies of duplicated texts left out of counts)</td>"));
    assert!(page.contains("2023-11-03 to 2023-12-28 (33 of 33 unique documents dated)"), "dates");
    assert!(page.contains("<td>toc</td><td class=\"num\">"), "dropped text by reason");
    assert!(page.contains("<h2 id=\"formulas\">Formulations (提法)</h2>"));
    assert!(page.contains("推动构建人类命运共同体"));
    assert_eq!(page.matches("<figure><svg").count(), page.matches("<figure>").count(), "charts inline");
    assert!(page.contains("<a href=\"formulas/formulas.csv\">formulas/formulas.csv</a>"));
    assert!(page.contains("<code>zhtext freq ingest -o freq --by date:week --terms "), "methods: the exact command");
    assert!(page.contains("jieba-rs 0.11.0"));
    assert!(!page.contains("href=\"http") && !page.contains("src="), "no network: nothing fetched");

    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["zhtext"], env!("CARGO_PKG_VERSION"));
    assert_eq!(manifest["command"][0], "report");
    assert_eq!(manifest["stages"].as_array().unwrap().len(), 15);
    assert!(manifest["stages"].as_array().unwrap().iter().all(|s| s["seconds"].as_f64().unwrap() >= 0.0));
    // SHA-256 of every input, checked with coreutils' sha256sum.
    let inputs = manifest["inputs"].as_array().unwrap();
    assert_eq!(inputs.len(), 6, "five texts and metadata.csv");
    for input in inputs {
        let path = input["path"].as_str().unwrap();
        let sum = std::process::Command::new("sha256sum").arg(path).current_dir(root()).output().unwrap();
        let sum = String::from_utf8(sum.stdout).unwrap();
        assert_eq!(input["sha256"].as_str().unwrap(), sum.split(' ').next().unwrap(), "{path}");
    }
}

/// All the files below `dir`, relative to it, sorted.
fn files_below(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                files.push(p.strip_prefix(dir).unwrap().to_path_buf());
            }
        }
    }
    files.sort();
    files
}

/// A manifest without its times (and, when `command` is false, without the
/// command line).
fn manifest_without_times(path: &std::path::Path, command: bool) -> serde_json::Value {
    let mut m: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    if !command {
        m["command"] = serde_json::Value::Null;
    }
    for s in m["stages"].as_array_mut().unwrap() {
        s["seconds"] = serde_json::Value::Null;
    }
    m
}

/// reports/seeds is what the README's main command writes today: the test
/// runs `zhtext report seeds -o reports/seeds` in a scratch folder (with the
/// seeds linked in, so the command line is the same) and compares every file.
#[test]
fn the_bundled_report_is_up_to_date() {
    let dir = tempdir();
    std::os::unix::fs::symlink(root().join("seeds"), dir.path().join("seeds")).unwrap();
    let out = crate::common::zhtext()
        .args(["report", "seeds", "-o", "reports/seeds"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let (fresh, committed) = (dir.path().join("reports/seeds"), root().join("reports/seeds"));
    let files = files_below(&fresh);
    assert_eq!(files, files_below(&committed), "the same files");
    for f in &files {
        if f.ends_with("manifest.json") {
            assert_eq!(manifest_without_times(&fresh.join(f), true), manifest_without_times(&committed.join(f), true));
        } else {
            assert!(
                std::fs::read(fresh.join(f)).unwrap() == std::fs::read(committed.join(f)).unwrap(),
                "reports/seeds/{} is out of date: run `zhtext report seeds -o reports/seeds` and commit it",
                f.display()
            );
        }
    }
}

/// Every file of two runs is byte-identical, except the manifest's times and
/// command line (the output folders differ).
#[test]
fn two_reports_are_byte_identical_but_for_times() {
    let dir = tempdir();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    ok(&["report", "seeds", "-o", a.to_str().unwrap()]);
    ok(&["report", "seeds", "-o", b.to_str().unwrap()]);
    let files = files_below(&a);
    assert_eq!(files.len(), 84, "every table, chart, page and manifest");
    for f in &files {
        if f.ends_with("manifest.json") {
            assert_eq!(manifest_without_times(&a.join(f), false), manifest_without_times(&b.join(f), false));
        } else {
            assert!(std::fs::read(a.join(f)).unwrap() == std::fs::read(b.join(f)).unwrap(), "{} differs", f.display());
        }
    }
}

#[test]
fn the_configuration_overrides_stage_options() {
    let dir = tempdir();
    let config = dir.path().join("report.toml");
    let dict = dir.path().join("terms.txt");
    std::fs::write(&dict, "中美友好事业 nz\n").unwrap();
    let toml = "[freq]\nterms = [\"发展\", \"安全\"]\nby = \"date:month\"\n[topics]\nk = 3\n[keyness]\nsort = \"g2\"\n";
    std::fs::write(&config, format!("[all]\ndict = {:?}\n{toml}", dict.to_str().unwrap())).unwrap();
    let out = dir.path().join("r");
    ok(&["report", "seeds", "--config", config.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let terms = read_csv(&out.join("freq/freq_terms.csv"));
    assert_eq!(terms.len(), 4, "two terms × two months");
    assert_eq!(read_csv(&out.join("topics/topics.csv")).len(), 3);
    let manifest = std::fs::read_to_string(out.join("manifest.json")).unwrap();
    assert!(manifest.contains("\"--k\",\n        \"3\""), "{manifest}");
    // [all]: the user dictionary reaches every segmenting stage, not ingest.
    let tokens = read_csv(&out.join("tokens/tokens.csv"));
    assert!(tokens.iter().any(|t| t["term"] == "中美友好事业"));
    let m: serde_json::Value = serde_json::from_str(&manifest).unwrap();
    for stage in m["stages"].as_array().unwrap() {
        let has_dict = stage["parameters"].get("dict").is_some();
        assert_eq!(has_dict, stage["stage"] != "ingest", "{}", stage["stage"]);
    }
}

#[test]
fn report_bad_input() {
    let dir = tempdir();
    let out = dir.path().join("r");
    let o = out.to_str().unwrap();
    let config = dir.path().join("bad.toml");
    std::fs::write(&config, "[plots]\nwidth = 3\n").unwrap();
    fails(&["report", "seeds", "--config", config.to_str().unwrap(), "-o", o], &["bad.toml", "[plots] is not a stage"]);
    std::fs::write(&config, "[topics]\ncolour = \"red\"\n").unwrap();
    fails(&["report", "seeds", "--config", config.to_str().unwrap(), "-o", o], &["bad.toml [topics]", "--colour"]);
    std::fs::write(&config, "[all]\ncolour = \"red\"\n").unwrap();
    fails(
        &["report", "seeds", "--config", config.to_str().unwrap(), "-o", o],
        &["[all]", "no stage has the option --colour"],
    );
    fails(&["report", "no-such-folder", "-o", o], &["no-such-folder: no such file or folder"]);
    fails(&["report", "seeds", "--threads", "0", "-o", o], &["--threads 0"]);
}
