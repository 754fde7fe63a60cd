//! The command-line program: one file per subcommand, shared argument groups
//! in `args`.

/// Set by `zhtext report`, which prints one line per stage instead of each
/// stage's own summary. Warnings and errors are printed all the same.
static QUIET: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

fn quiet() -> bool {
    QUIET.load(std::sync::atomic::Ordering::Relaxed)
}

/// `eprintln!` unless a report is running (see [`QUIET`]).
macro_rules! say {
    ($($arg:tt)*) => {
        if !crate::cli::quiet() {
            eprintln!($($arg)*)
        }
    };
}

mod args;
mod colloc;
mod dtm;
mod formulas;
mod freq;
mod gen_corpus;
mod ingest;
mod keyness;
mod kwic;
mod newwords;
mod report;
mod similar;
mod tfidf;
mod tokens;
mod topics;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// zhtext — statistical analysis of Chinese political text.
#[derive(Debug, Parser)]
#[command(name = "zhtext", version, about, long_about = None, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Read files and folders into clean, dated, de-duplicated documents
    /// (tables: documents, paragraphs, dropped).
    Ingest(ingest::IngestCmd),
    /// Segment documents into tokens with POS tags (table: tokens).
    Tokens(tokens::TokensCmd),
    /// Count terms per document (tables: dtm, vocabulary; dtm.mtx with docs.csv, terms.csv).
    Dtm(dtm::DtmCmd),
    /// Show every occurrence of a term in context, with its document's title and date.
    Kwic(kwic::KwicCmd),
    /// Term frequencies overall, by group and over time, with 95% intervals; theme dictionaries.
    Freq(freq::FreqCmd),
    /// Each document's top terms by TF-IDF (scikit-learn's definition).
    Tfidf(tfidf::TfidfCmd),
    /// Terms over-used in a target group of documents against a reference group.
    Keyness(keyness::KeynessCmd),
    /// Document similarity (cosine of TF-IDF, Jaccard), clustered heatmap and PCA map.
    Similar(similar::SimilarCmd),
    /// Collocations: bigrams and trigrams within sentences, or a word's collocates within a window; PMI, NPMI, G2, chi2, t, Dice, logDice.
    Colloc(colloc::CollocCmd),
    /// Recurring formulations (提法): maximal phrases of 3–10 tokens recurring across documents, dated.
    Formulas(formulas::FormulasCmd),
    /// New words: frequent, cohesive, free character strings the dictionary lacks; a user dictionary for --dict.
    Newwords(newwords::NewwordsCmd),
    /// Topic models (LDA) with labels, document shares, prevalence over time.
    Topics(topics::TopicsCmd),
    /// The whole analysis in one go: every stage's tables and charts, an HTML page with the methods, a manifest.
    Report(report::ReportCmd),
    /// Write the synthetic throughput corpus for benchmarks.
    #[command(hide = true)]
    GenCorpus(gen_corpus::GenCorpusCmd),
}

/// A progress bar on stderr when it is a terminal; hidden in pipes and CI.
pub(crate) fn progress_bar(what: &str, unit: &str) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if quiet() || !std::io::stderr().is_terminal() || std::env::var_os("CI").is_some() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(0);
    let style =
        indicatif::ProgressStyle::with_template(&format!("{{msg}} {{bar:30}} {{pos}}/{{len}} {unit} ({{elapsed}})"))
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    bar.set_style(style);
    bar.set_message(what.to_string());
    bar
}

impl Command {
    fn run(self) -> crate::error::Result<()> {
        match self {
            Command::Ingest(cmd) => cmd.run(),
            Command::Tokens(cmd) => cmd.run(),
            Command::Dtm(cmd) => cmd.run(),
            Command::Kwic(cmd) => cmd.run(),
            Command::Freq(cmd) => cmd.run(),
            Command::Tfidf(cmd) => cmd.run(),
            Command::Keyness(cmd) => cmd.run(),
            Command::Similar(cmd) => cmd.run(),
            Command::Topics(cmd) => cmd.run(),
            Command::Colloc(cmd) => cmd.run(),
            Command::Formulas(cmd) => cmd.run(),
            Command::Newwords(cmd) => cmd.run(),
            Command::Report(cmd) => cmd.run(),
            Command::GenCorpus(cmd) => cmd.run(),
        }
    }
}

/// Parses one command given as its arguments (after `zhtext`); `context`
/// names where the arguments came from in an error.
fn parse_args(args: &[String], context: &str) -> crate::error::Result<Command> {
    let argv = std::iter::once("zhtext".to_string()).chain(args.iter().cloned());
    let cli = Cli::try_parse_from(argv).map_err(|e| {
        let message = e.to_string();
        let first = message.lines().next().unwrap_or_default().trim_start_matches("error: ").to_string();
        crate::error::Error::BadOption(format!("{context}: {first}"))
    })?;
    Ok(cli.command)
}

/// Every option of a command as it will run — given or default — as
/// (`--flag`, value) pairs in clap's order; flags that are off are left out.
/// The inputs and `--output` are not listed.
fn effective_options(args: &[String]) -> Vec<(String, String)> {
    use clap::CommandFactory;
    let argv = std::iter::once("zhtext".to_string()).chain(args.iter().cloned());
    let Ok(matches) = Cli::command().try_get_matches_from(argv) else { return Vec::new() };
    let Some((name, sub)) = matches.subcommand() else { return Vec::new() };
    let command = Cli::command();
    let Some(spec) = command.find_subcommand(name) else { return Vec::new() };
    let mut out = Vec::new();
    for arg in spec.get_arguments() {
        let Some(long) = arg.get_long() else { continue };
        if long == "output" {
            continue;
        }
        let Some(values) = sub.get_raw(arg.get_id().as_str()) else { continue };
        let values: Vec<String> = values.map(|v| v.to_string_lossy().to_string()).collect();
        let flag = !arg.get_action().takes_values();
        match (flag, values.as_slice()) {
            (true, [v]) if v == "true" => out.push((format!("--{long}"), String::new())),
            (true, _) => {}
            (false, []) => {}
            (false, v) => out.push((format!("--{long}"), v.join(","))),
        }
    }
    out
}

/// Does the command `name` have the option `flag` (`--dict`)?
fn accepts(name: &str, flag: &str) -> bool {
    use clap::CommandFactory;
    let command = Cli::command();
    let long = flag.trim_start_matches('-');
    command.find_subcommand(name).is_some_and(|c| c.get_arguments().any(|a| a.get_long() == Some(long)))
}

/// Runs one command given as its arguments, as `zhtext report` runs its
/// stages.
fn run_args(args: &[String], context: &str) -> crate::error::Result<()> {
    parse_args(args, context)?.run()
}

/// Runs the program; errors are printed as one line on stderr.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command.run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("zhtext: error: {e}");
            ExitCode::from(2)
        }
    }
}
