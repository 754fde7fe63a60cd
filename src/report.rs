//! The report page: one self-contained HTML file (no network: styles in the
//! page, charts inline as SVG) built from what the stages wrote. A pure
//! function of its inputs, so the same report gives the same bytes.

use std::fmt::Write;

/// Everything the page shows.
#[derive(Debug, Clone, Default)]
pub struct Page {
    pub title: String,
    /// The corpus summary: (label, value) rows.
    pub summary: Vec<(String, String)>,
    /// Documents per genre (unique documents).
    pub genres: Vec<(String, usize)>,
    /// Text left out at ingestion: (reason, pieces, characters).
    pub dropped: Vec<(String, u64, u64)>,
    pub sections: Vec<Section>,
    /// The methods appendix: (heading, paragraphs of HTML).
    pub methods: Vec<(String, Vec<String>)>,
}

/// One stage's charts and tables.
#[derive(Debug, Clone, Default)]
pub struct Section {
    /// The anchor (the stage's folder).
    pub id: String,
    pub heading: String,
    /// What the stage did, in a sentence or two (HTML).
    pub about: String,
    /// (file path relative to the page, SVG text).
    pub charts: Vec<(String, String)>,
    pub tables: Vec<TablePreview>,
}

/// The top rows of a table, with a link to the full files.
#[derive(Debug, Clone, Default)]
pub struct TablePreview {
    /// The CSV file, relative to the page.
    pub csv: String,
    /// The Parquet file, relative to the page, when there is one.
    pub parquet: Option<String>,
    pub total_rows: usize,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Escapes text for HTML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str =
    "body{font-family:'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',SimHei,sans-serif;\
max-width:1040px;margin:2em auto;padding:0 1em;color:#222;line-height:1.5}\
h1{font-size:1.7em;margin-bottom:.2em}h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:2em}\
nav a{margin-right:.8em}table{border-collapse:collapse;font-size:.85em;margin:.5em 0 1.2em}\
th,td{border-bottom:1px solid #e4e4e4;padding:.2em .6em;text-align:left;vertical-align:top}\
th{background:#f6f6f6}.wide{overflow-x:auto}.wide td{white-space:nowrap;max-width:24em;overflow:hidden;text-overflow:ellipsis}td.num{text-align:right;font-variant-numeric:tabular-nums}\
figure{margin:1em 0}figure svg{max-width:100%;height:auto}figcaption{font-size:.85em;color:#555}\
.meta{color:#555;font-size:.9em}code{background:#f3f3f3;padding:0 .2em}";

/// The page as HTML.
pub fn html(page: &Page) -> String {
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"zh-Hans\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        escape(&page.title),
        escape(&page.title)
    );
    h.push_str("<nav><a href=\"#corpus\">Corpus</a>");
    for s in &page.sections {
        let _ = write!(h, "<a href=\"#{}\">{}</a>", escape(&s.id), escape(&s.heading));
    }
    h.push_str("<a href=\"#methods\">Methods</a></nav>\n");

    h.push_str("<h2 id=\"corpus\">Corpus</h2>\n<table>\n");
    for (label, value) in &page.summary {
        let _ = writeln!(h, "<tr><th>{}</th><td>{}</td></tr>", escape(label), escape(value));
    }
    h.push_str("</table>\n");
    if !page.genres.is_empty() {
        h.push_str("<table><tr><th>genre</th><th>documents</th></tr>\n");
        for (genre, n) in &page.genres {
            let _ = writeln!(h, "<tr><td>{}</td><td class=\"num\">{n}</td></tr>", escape(genre));
        }
        h.push_str("</table>\n");
    }
    if !page.dropped.is_empty() {
        h.push_str("<p>Text left out at ingestion, by reason (every piece is listed in <a href=\"ingest/dropped.csv\">ingest/dropped.csv</a>):</p>\n");
        h.push_str("<table><tr><th>reason</th><th>pieces</th><th>characters</th></tr>\n");
        for (reason, pieces, chars) in &page.dropped {
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td class=\"num\">{pieces}</td><td class=\"num\">{chars}</td></tr>",
                escape(reason)
            );
        }
        h.push_str("</table>\n");
    }

    for s in &page.sections {
        let _ = writeln!(h, "<h2 id=\"{}\">{}</h2>\n<p>{}</p>", escape(&s.id), escape(&s.heading), s.about);
        for (path, svg) in &s.charts {
            let _ = writeln!(
                h,
                "<figure>{}<figcaption><a href=\"{}\">{}</a></figcaption></figure>",
                inline_svg(svg),
                escape(path),
                escape(path)
            );
        }
        for t in &s.tables {
            table_preview(&mut h, t);
        }
    }

    h.push_str("<h2 id=\"methods\">Methods</h2>\n");
    for (heading, paragraphs) in &page.methods {
        let _ = writeln!(h, "<h3>{}</h3>", escape(heading));
        for p in paragraphs {
            let _ = writeln!(h, "<p>{p}</p>");
        }
    }
    h.push_str("</body>\n</html>\n");
    h
}

/// An SVG document as an element inside the page (the XML declaration
/// dropped).
fn inline_svg(svg: &str) -> &str {
    match svg.find("<svg") {
        Some(at) => svg[at..].trim_end(),
        None => svg,
    }
}

fn table_preview(h: &mut String, t: &TablePreview) {
    let shown = t.rows.len();
    let _ = write!(h, "<p class=\"meta\"><a href=\"{}\">{}</a>", escape(&t.csv), escape(&t.csv));
    if let Some(p) = &t.parquet {
        let _ = write!(h, " · <a href=\"{}\">Parquet</a>", escape(p));
    }
    let _ = writeln!(
        h,
        " — {} rows{}</p>",
        t.total_rows,
        if shown < t.total_rows { format!(", the first {shown} shown") } else { String::new() }
    );
    h.push_str("<div class=\"wide\"><table><tr>");
    for c in &t.header {
        let _ = write!(h, "<th>{}</th>", escape(c));
    }
    h.push_str("</tr>\n");
    for row in &t.rows {
        h.push_str("<tr>");
        for cell in row {
            let numeric = !cell.is_empty() && cell.parse::<f64>().is_ok();
            let _ = write!(h, "<td{}>{}</td>", if numeric { " class=\"num\"" } else { "" }, escape(cell));
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</table></div>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_with_a_chart_and_a_table() {
        let page = Page {
            title: "zhtext report: seeds".into(),
            summary: vec![("documents".into(), "40 (33 unique)".into())],
            genres: vec![("speech".into(), 6)],
            dropped: vec![("toc".into(), 3, 1221)],
            sections: vec![Section {
                id: "freq".into(),
                heading: "Frequencies".into(),
                about: "Top terms.".into(),
                charts: vec![(
                    "freq/freq_top.svg".into(),
                    "<?xml version=\"1.0\"?>\n<svg><text>发展</text></svg>\n".into(),
                )],
                tables: vec![TablePreview {
                    csv: "freq/freq.csv".into(),
                    parquet: Some("freq/freq.parquet".into()),
                    total_rows: 30,
                    header: vec!["term".into(), "n".into()],
                    rows: vec![vec!["发展 & <改革>".into(), "244".into()]],
                }],
            }],
            methods: vec![("Segmentation".into(), vec!["jieba-rs 0.11.0".into()])],
        };
        let h = html(&page);
        assert!(h.contains("<figure><svg><text>发展</text></svg><figcaption>"), "inline, without the XML declaration");
        assert!(h.contains("<td>发展 &amp; &lt;改革&gt;</td><td class=\"num\">244</td>"));
        assert!(h.contains("30 rows, the first 1 shown"));
        assert!(h.contains("<a href=\"#freq\">Frequencies</a>"));
        assert!(!h.contains("href=\"http") && !h.contains("src="), "no network");
    }
}
