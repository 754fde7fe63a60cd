//! Charts as SVG text, on plotters' SVG backend, with one theme: a title,
//! axis labels with units, a legend, CJK-capable fonts (the `font-family`
//! list of DESIGN.md), the Okabe–Ito colour-blind-safe palette and viridis
//! for colour scales. Each chart takes plain data and returns SVG text.
//!
//! plotters measures text only with a font engine, which zhtext does not
//! link (no C font libraries, no font files at run time); so the layout here
//! measures text itself — a CJK character is one em wide, other characters
//! about 0.6 em — and draws titles, axis names and legends at explicit
//! anchors (`text-anchor`), which the SVG viewer resolves with the real font.

use crate::error::{Error, Result};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Fonts tried in order by the SVG viewer.
pub const FONT_FAMILY: &str = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, SimHei, sans-serif";

/// Okabe–Ito: distinguishable with every common colour-vision deficiency.
pub const PALETTE: [RGBColor; 8] = [
    RGBColor(0x00, 0x72, 0xB2), // blue
    RGBColor(0xD5, 0x5E, 0x00), // vermillion
    RGBColor(0x00, 0x9E, 0x73), // bluish green
    RGBColor(0xE6, 0x9F, 0x00), // orange
    RGBColor(0x56, 0xB4, 0xE9), // sky blue
    RGBColor(0xCC, 0x79, 0xA7), // reddish purple
    RGBColor(0xF0, 0xE4, 0x42), // yellow
    RGBColor(0x00, 0x00, 0x00), // black
];

const TEXT: RGBColor = RGBColor(0x22, 0x22, 0x22);
const GRID: RGBColor = RGBColor(0xE4, 0xE4, 0xE4);

/// Size of a chart, in pixels (SVG user units).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub width: u32,
    pub height: u32,
}

impl Default for Size {
    fn default() -> Self {
        Size { width: 960, height: 600 }
    }
}

/// Width of `text` in pixels at `size` px: CJK and other wide characters one
/// em, narrow ones 0.6 em.
pub fn text_width(text: &str, size: f64) -> f64 {
    text.chars().map(|c| if c.is_ascii() { 0.6 } else { 1.0 }).sum::<f64>() * size
}

/// Shortens `text` to at most `max` pixels at `size` px, with an ellipsis.
pub fn fit(text: &str, size: f64, max: f64) -> String {
    if text_width(text, size) <= max {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if text_width(&out, size) + text_width(&c.to_string(), size) + size > max {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

fn font(size: f64) -> TextStyle<'static> {
    // plotters writes font-size as size / 1.24; ask for the size we mean.
    (FONT_FAMILY, size * 1.24).into_font().color(&TEXT)
}

fn anchored(size: f64, h: HPos, v: VPos) -> TextStyle<'static> {
    font(size).pos(Pos::new(h, v))
}

fn draw_error<E: std::fmt::Debug>(e: E) -> Error {
    Error::BadOption(format!("chart: {e:?}"))
}

/// Viridis, from dark purple (0) to yellow (1): perceptually uniform and
/// readable in grey and by colour-blind readers.
pub fn viridis(t: f64) -> RGBColor {
    const STOPS: [(u8, u8, u8); 9] = [
        (68, 1, 84),
        (71, 44, 122),
        (59, 81, 139),
        (44, 113, 142),
        (33, 144, 141),
        (39, 173, 129),
        (92, 200, 99),
        (170, 220, 50),
        (253, 231, 37),
    ];
    let t = if t.is_finite() { t.clamp(0.0, 1.0) } else { 0.0 };
    let x = t * (STOPS.len() - 1) as f64;
    let i = (x.floor() as usize).min(STOPS.len() - 2);
    let f = x - i as f64;
    let lerp = |a: u8, b: u8| (a as f64 + (b as f64 - a as f64) * f).round() as u8;
    let (a, b) = (STOPS[i], STOPS[i + 1]);
    RGBColor(lerp(a.0, b.0), lerp(a.1, b.1), lerp(a.2, b.2))
}

/// The outer frame: background, title (and subtitle), legend entries at the
/// top; returns the area left for the plot.
fn frame<'a>(
    root: &DrawingArea<SVGBackend<'a>, Shift>,
    title: &str,
    subtitle: &str,
    legend: &[(String, RGBColor)],
) -> Result<DrawingArea<SVGBackend<'a>, Shift>> {
    root.fill(&WHITE).map_err(draw_error)?;
    let (w, _) = root.dim_in_pixel();
    let w = w as f64;
    root.draw(&Text::new(fit(title, 20.0, w - 40.0), ((w / 2.0) as i32, 14), anchored(20.0, HPos::Center, VPos::Top)))
        .map_err(draw_error)?;
    let mut top = 44.0;
    if !subtitle.is_empty() {
        root.draw(&Text::new(
            fit(subtitle, 13.0, w - 40.0),
            ((w / 2.0) as i32, 40),
            anchored(13.0, HPos::Center, VPos::Top),
        ))
        .map_err(draw_error)?;
        top += 18.0;
    }
    if !legend.is_empty() {
        // Entries flow left to right, wrapping, centred as a block per row.
        let size = 13.0;
        let entry = |name: &str| 18.0 + 6.0 + text_width(name, size) + 18.0;
        let mut rows: Vec<Vec<&(String, RGBColor)>> = vec![Vec::new()];
        let mut used = 0.0;
        for item in legend {
            let e = entry(&item.0);
            if used + e > w - 40.0 && !rows.last().expect("a row").is_empty() {
                rows.push(Vec::new());
                used = 0.0;
            }
            rows.last_mut().expect("a row").push(item);
            used += e;
        }
        for row in rows {
            let row_width: f64 = row.iter().map(|(n, _)| entry(n)).sum();
            let mut x = (w - row_width) / 2.0;
            let y = top + 4.0;
            for (name, colour) in row {
                root.draw(&Rectangle::new([(x as i32, y as i32 + 2), (x as i32 + 18, y as i32 + 12)], colour.filled()))
                    .map_err(draw_error)?;
                root.draw(&Text::new(
                    name.clone(),
                    (x as i32 + 24, y as i32 + 7),
                    anchored(size, HPos::Left, VPos::Center),
                ))
                .map_err(draw_error)?;
                x += entry(name);
            }
            top += 20.0;
        }
        top += 4.0;
    }
    // plotters' margin order: top, bottom, left, right.
    Ok(root.margin(top as u32, 16, 16, 24))
}

/// Draws one chart as SVG text: the frame (title, subtitle, legend), then
/// `body` in the area left for the plot.
fn render(
    size: Size,
    title: &str,
    subtitle: &str,
    legend: &[(String, RGBColor)],
    body: impl FnOnce(&DrawingArea<SVGBackend, Shift>) -> Result<()>,
) -> Result<String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (size.width, size.height)).into_drawing_area();
        let area = frame(&root, title, subtitle, legend)?;
        body(&area)?;
        root.present().map_err(draw_error)?;
    }
    Ok(svg)
}

/// The x axis name, centred under the plot.
fn x_axis_name(area: &DrawingArea<SVGBackend, Shift>, x: &str) -> Result<()> {
    let (w, h) = area.dim_in_pixel();
    area.draw(&Text::new(x.to_string(), ((w / 2) as i32, h as i32 - 2), anchored(14.0, HPos::Center, VPos::Bottom)))
        .map_err(draw_error)?;
    Ok(())
}

/// Axis names: `x` under the plot, `y` rotated at the left.
fn axis_names(area: &DrawingArea<SVGBackend, Shift>, x: &str, y: &str) -> Result<()> {
    let (_, h) = area.dim_in_pixel();
    x_axis_name(area, x)?;
    let style = anchored(14.0, HPos::Center, VPos::Top).transform(FontTransform::Rotate270);
    area.draw(&Text::new(y.to_string(), (2, (h / 2) as i32), style)).map_err(draw_error)?;
    Ok(())
}

fn nice_max(max: f64) -> f64 {
    if max.is_nan() || max <= 0.0 || !max.is_finite() {
        return 1.0;
    }
    let mag = 10f64.powf(max.log10().floor());
    for step in [1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0] {
        if step * mag >= max * 1.02 {
            return step * mag;
        }
    }
    10.0 * mag
}

fn tick_label(v: f64) -> String {
    crate::io::round_for_reading((v * 1e6).round() / 1e6)
}

/// A value with an optional interval (lower, upper), drawn as a band.
pub type Point = (f64, Option<(f64, f64)>);

/// One line of a line chart: a point per x position (None: no data, a gap).
#[derive(Debug, Clone)]
pub struct Series {
    pub name: String,
    pub points: Vec<Option<Point>>,
}

/// Lines over categorical x positions (periods), with confidence bands and
/// gaps where a series has no value.
pub fn line_chart(
    title: &str,
    subtitle: &str,
    x_labels: &[String],
    x_name: &str,
    y_name: &str,
    series: &[Series],
    size: Size,
) -> Result<String> {
    let legend: Vec<(String, RGBColor)> =
        series.iter().enumerate().map(|(i, s)| (s.name.clone(), PALETTE[i % PALETTE.len()])).collect();
    render(size, title, subtitle, &legend, |area| {
        axis_names(area, x_name, y_name)?;
        let max = series
            .iter()
            .flat_map(|s| s.points.iter().flatten())
            .map(|(v, ci)| ci.map_or(*v, |c| c.1.max(*v)))
            .fold(0.0f64, f64::max);
        let y_max = nice_max(max);
        let n = x_labels.len().max(1);
        let label_width = x_labels.iter().map(|l| text_width(l, 12.0)).fold(0.0, f64::max);
        let (aw, _) = area.dim_in_pixel();
        let slot = (aw as f64 - 100.0) / n as f64;
        let rotate = label_width + 8.0 > slot;
        let x_area = if rotate { (label_width * 0.75 + 30.0).min(140.0) } else { 40.0 };
        let y_area = text_width(&tick_label(y_max), 12.0) + 34.0;
        let mut chart = ChartBuilder::on(&area.margin(0, 24, 22, 0))
            .margin_right(8)
            .x_label_area_size(x_area as u32)
            .y_label_area_size(y_area as u32)
            .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), 0.0f64..y_max)
            .map_err(draw_error)?;
        let every = if rotate { ((label_width * 0.75 + 4.0) / slot).ceil().max(1.0) as usize } else { 1 };
        let labels = x_labels.to_vec();
        let x_style = if rotate {
            font(12.0).transform(FontTransform::Rotate270).pos(Pos::new(HPos::Right, VPos::Center))
        } else {
            font(12.0).pos(Pos::new(HPos::Center, VPos::Top))
        };
        chart
            .configure_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(GRID)
            .x_labels(n.min(400))
            .x_label_formatter(&|x| {
                let i = x.round();
                if (x - i).abs() > 1e-6 || i < 0.0 || i as usize >= labels.len() || !(i as usize).is_multiple_of(every)
                {
                    String::new()
                } else {
                    labels[i as usize].clone()
                }
            })
            .x_label_style(x_style)
            .y_label_style(font(12.0))
            .y_label_formatter(&|y| tick_label(*y))
            .draw()
            .map_err(draw_error)?;
        for (k, s) in series.iter().enumerate() {
            let colour = PALETTE[k % PALETTE.len()];
            // Bands and lines run over each unbroken stretch of values.
            for run in runs(&s.points) {
                let band: Vec<(f64, f64, f64)> =
                    run.iter().filter_map(|(x, (_, ci))| ci.map(|(lo, hi)| (*x as f64, lo, hi))).collect();
                if band.len() == run.len() && !band.is_empty() {
                    let mut poly: Vec<(f64, f64)> = band.iter().map(|(x, _, hi)| (*x, *hi)).collect();
                    poly.extend(band.iter().rev().map(|(x, lo, _)| (*x, *lo)));
                    if band.len() == 1 {
                        let (x, lo, hi) = band[0];
                        chart
                            .draw_series(std::iter::once(Rectangle::new(
                                [(x - 0.08, lo), (x + 0.08, hi)],
                                colour.mix(0.25).filled(),
                            )))
                            .map_err(draw_error)?;
                    } else {
                        chart
                            .draw_series(std::iter::once(Polygon::new(poly, colour.mix(0.18).filled())))
                            .map_err(draw_error)?;
                    }
                }
                chart
                    .draw_series(LineSeries::new(run.iter().map(|(x, (v, _))| (*x as f64, *v)), colour.stroke_width(2)))
                    .map_err(draw_error)?;
                chart
                    .draw_series(run.iter().map(|(x, (v, _))| Circle::new((*x as f64, *v), 3, colour.filled())))
                    .map_err(draw_error)?;
            }
        }
        Ok(())
    })
}

/// Unbroken stretches of values, with their x positions.
fn runs(points: &[Option<Point>]) -> Vec<Vec<(usize, Point)>> {
    let mut out: Vec<Vec<(usize, Point)>> = Vec::new();
    let mut current = Vec::new();
    for (x, p) in points.iter().enumerate() {
        match p {
            Some(p) => current.push((x, *p)),
            None if !current.is_empty() => out.push(std::mem::take(&mut current)),
            None => {}
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// A panel of horizontal bars: (label, value), drawn top to bottom in order.
#[derive(Debug, Clone)]
pub struct Bars {
    pub title: String,
    pub bars: Vec<(String, f64)>,
}

/// Horizontal bars in one or more panels (small multiples), laid out in a
/// grid of `columns`.
pub fn bar_panels(
    title: &str,
    subtitle: &str,
    x_name: &str,
    panels: &[Bars],
    columns: usize,
    size: Size,
) -> Result<String> {
    render(size, title, subtitle, &[], |area| {
        x_axis_name(area, x_name)?;
        let columns = columns.max(1).min(panels.len().max(1));
        let rows = panels.len().div_ceil(columns).max(1);
        let grid = area.margin(0, 30, 0, 0).split_evenly((rows, columns));
        for (panel, cell) in panels.iter().zip(grid.iter()) {
            let (cw, _) = cell.dim_in_pixel();
            cell.draw(&Text::new(
                fit(&panel.title, 13.0, cw as f64 - 8.0),
                ((cw / 2) as i32, 2),
                anchored(13.0, HPos::Center, VPos::Top),
            ))
            .map_err(draw_error)?;
            let body = cell.margin(20, 8, 4, 8);
            let label_w =
                panel.bars.iter().map(|(l, _)| text_width(l, 12.0)).fold(0.0, f64::max).min(cw as f64 * 0.45) + 10.0;
            let max = panel.bars.iter().map(|(_, v)| *v).fold(0.0f64, f64::max);
            let n = panel.bars.len().max(1);
            let labels: Vec<String> = panel.bars.iter().map(|(l, _)| fit(l, 12.0, label_w - 10.0)).collect();
            let mut chart = ChartBuilder::on(&body)
                .x_label_area_size(22)
                .y_label_area_size(label_w as u32)
                .build_cartesian_2d(0.0f64..nice_max(max), -0.5f64..(n as f64 - 0.5))
                .map_err(draw_error)?;
            chart
                .configure_mesh()
                .disable_y_mesh()
                .light_line_style(TRANSPARENT)
                .bold_line_style(GRID)
                .x_labels(4)
                .x_label_formatter(&|x| tick_label(*x))
                .x_label_style(font(11.0))
                .y_labels(n)
                .y_label_formatter(&|y| {
                    let i = y.round();
                    // Top bar first: row 0 is drawn at the top.
                    if (y - i).abs() > 1e-6 || i < 0.0 || i as usize >= labels.len() {
                        String::new()
                    } else {
                        labels[labels.len() - 1 - i as usize].clone()
                    }
                })
                .y_label_style(font(12.0))
                .draw()
                .map_err(draw_error)?;
            chart
                .draw_series(panel.bars.iter().enumerate().map(|(i, (_, v))| {
                    let y = (n - 1 - i) as f64;
                    Rectangle::new([(0.0, y - 0.35), (*v, y + 0.35)], PALETTE[0].filled())
                }))
                .map_err(draw_error)?;
        }
        Ok(())
    })
}

/// Diverging bars: `right` items drawn rightwards (blue) above `left`
/// items drawn leftwards (vermillion), one row each, largest first, each
/// labelled at the end of its bar. Values are magnitudes.
pub fn diverging_bars(
    title: &str,
    subtitle: &str,
    x_name: &str,
    left: (&str, &[(String, f64)]),
    right: (&str, &[(String, f64)]),
    size: Size,
) -> Result<String> {
    let legend = vec![(right.0.to_string(), PALETTE[0]), (left.0.to_string(), PALETTE[1])];
    render(size, title, subtitle, &legend, |area| {
        let (w, _) = area.dim_in_pixel();
        x_axis_name(area, x_name)?;
        let rows: Vec<(&String, f64, bool)> = right
            .1
            .iter()
            .map(|(l, v)| (l, v.abs(), true))
            .chain(left.1.iter().map(|(l, v)| (l, v.abs(), false)))
            .collect();
        let n = rows.len().max(1);
        let max = rows.iter().map(|r| r.1).fold(0.0f64, f64::max);
        let label_px = rows.iter().map(|r| text_width(r.0, 12.0)).fold(0.0, f64::max) + 10.0;
        // Room beyond the longest bar for its label, in data units.
        let half_px = (w as f64 - 20.0) / 2.0;
        let lim = nice_max(max) * half_px / (half_px - label_px).max(half_px * 0.5);
        let mut chart = ChartBuilder::on(&area.margin(0, 30, 0, 0))
            .x_label_area_size(24)
            .y_label_area_size(8)
            .build_cartesian_2d(-lim..lim, -0.5f64..(n as f64 - 0.5))
            .map_err(draw_error)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(0)
            .light_line_style(TRANSPARENT)
            .bold_line_style(GRID)
            .x_labels(9)
            .x_label_formatter(&|x| tick_label(x.abs()))
            .x_label_style(font(11.0))
            .draw()
            .map_err(draw_error)?;
        for (i, (label, v, is_right)) in rows.iter().enumerate() {
            let y = (n - 1 - i) as f64;
            let (x0, x1, colour, pos) =
                if *is_right { (0.0, *v, PALETTE[0], HPos::Left) } else { (-*v, 0.0, PALETTE[1], HPos::Right) };
            chart
                .draw_series(std::iter::once(Rectangle::new([(x0, y - 0.38), (x1, y + 0.38)], colour.filled())))
                .map_err(draw_error)?;
            let tip = if *is_right { x1 + lim * 0.01 } else { x0 - lim * 0.01 };
            chart
                .draw_series(std::iter::once(Text::new((*label).clone(), (tip, y), anchored(12.0, pos, VPos::Center))))
                .map_err(draw_error)?;
        }
        Ok(())
    })
}

/// A heatmap of `values[row][column]` (None: no data, drawn light grey) with
/// a viridis colour scale from `range.0` to `range.1`, and the value written
/// in each cell when cells are large enough.
#[allow(clippy::too_many_arguments)]
pub fn heatmap(
    title: &str,
    subtitle: &str,
    rows: &[String],
    columns: &[String],
    values: &[Vec<Option<f64>>],
    scale_name: &str,
    range: (f64, f64),
    size: Size,
) -> Result<String> {
    render(size, title, subtitle, &[], |area| {
        let (w, h) = area.dim_in_pixel();
        let (plot, scale) = area.split_horizontally(w - 90);
        let row_w = rows.iter().map(|r| text_width(r, 12.0)).fold(0.0, f64::max).min(w as f64 * 0.35) + 10.0;
        let col_w = columns.iter().map(|c| text_width(c, 12.0)).fold(0.0, f64::max).min(h as f64 * 0.3) + 10.0;
        let (nr, nc) = (rows.len().max(1), columns.len().max(1));
        let plot_w = plot.dim_in_pixel().0 as f64 - row_w;
        let plot_h = h as f64 - col_w;
        let cell = (plot_w / nc as f64).min(plot_h / nr as f64);
        let span = (range.1 - range.0).max(1e-12);
        let x0 = row_w;
        for (r, label) in rows.iter().enumerate() {
            let y = r as f64 * cell;
            plot.draw(&Text::new(
                fit(label, 12.0, row_w - 10.0),
                ((x0 - 6.0) as i32, (y + cell / 2.0) as i32),
                anchored(12.0, HPos::Right, VPos::Center),
            ))
            .map_err(draw_error)?;
            for (c, v) in values.get(r).map(Vec::as_slice).unwrap_or(&[]).iter().enumerate() {
                let x = x0 + c as f64 * cell;
                let colour = match v {
                    Some(v) => viridis((v - range.0) / span),
                    None => RGBColor(0xF2, 0xF2, 0xF2),
                };
                plot.draw(&Rectangle::new(
                    [(x as i32, y as i32), ((x + cell) as i32, (y + cell) as i32)],
                    colour.filled(),
                ))
                .map_err(draw_error)?;
                if let Some(v) = v {
                    let label = tick_label(*v);
                    if cell >= text_width(&label, 10.0) + 4.0 && cell >= 14.0 {
                        let t = (v - range.0) / span;
                        let ink = if t > 0.6 { BLACK } else { WHITE };
                        plot.draw(&Text::new(
                            label,
                            ((x + cell / 2.0) as i32, (y + cell / 2.0) as i32),
                            font(10.0).color(&ink).pos(Pos::new(HPos::Center, VPos::Center)),
                        ))
                        .map_err(draw_error)?;
                    }
                }
            }
        }
        let bottom = nr as f64 * cell;
        for (c, label) in columns.iter().enumerate() {
            let x = x0 + c as f64 * cell + cell / 2.0;
            plot.draw(&Text::new(
                fit(label, 12.0, col_w - 10.0),
                (x as i32, (bottom + 6.0) as i32),
                font(12.0).transform(FontTransform::Rotate270).pos(Pos::new(HPos::Right, VPos::Center)),
            ))
            .map_err(draw_error)?;
        }
        // Colour scale.
        let (sw, sh) = scale.dim_in_pixel();
        let bar_h = (sh as f64 * 0.6).max(60.0);
        let top = 20.0;
        for k in 0..100 {
            let t = 1.0 - k as f64 / 100.0;
            let y = top + bar_h * k as f64 / 100.0;
            scale
                .draw(&Rectangle::new(
                    [(16, y as i32), (34, (y + bar_h / 100.0).ceil() as i32 + 1)],
                    viridis(t).filled(),
                ))
                .map_err(draw_error)?;
        }
        for (t, v) in [(0.0, range.0), (0.5, (range.0 + range.1) / 2.0), (1.0, range.1)] {
            let y = top + bar_h * (1.0 - t);
            scale
                .draw(&Text::new(tick_label(v), (40, y as i32), anchored(11.0, HPos::Left, VPos::Center)))
                .map_err(draw_error)?;
        }
        scale
            .draw(&Text::new(
                fit(scale_name, 12.0, sw as f64 - 4.0),
                ((sw / 2) as i32, (top + bar_h + 14.0) as i32),
                anchored(12.0, HPos::Center, VPos::Top),
            ))
            .map_err(draw_error)?;
        Ok(())
    })
}

/// A dot matrix: one row per item, one column per period, a dot of area
/// proportional to `values[row][column]` (nothing for 0) with the count
/// beside it — for following a few dozen items over time, in row order.
pub fn dot_matrix(
    title: &str,
    subtitle: &str,
    rows: &[String],
    columns: &[String],
    values: &[Vec<u64>],
    x_name: &str,
    size: Size,
) -> Result<String> {
    render(size, title, subtitle, &[], |area| {
        x_axis_name(area, x_name)?;
        let (w, h) = area.dim_in_pixel();
        let row_w = rows.iter().map(|r| text_width(r, 12.0)).fold(0.0, f64::max).min(w as f64 * 0.45) + 12.0;
        let (nr, nc) = (rows.len().max(1), columns.len().max(1));
        let cell_w = (w as f64 - row_w - 8.0) / nc as f64;
        let label_w = columns.iter().map(|c| text_width(c, 11.0)).fold(0.0, f64::max);
        let rotate = label_w > cell_w - 4.0;
        let col_h = if rotate { label_w.min(h as f64 * 0.3) + 10.0 } else { 20.0 };
        let cell_h = ((h as f64 - col_h - 24.0) / nr as f64).min(40.0);
        let max = values.iter().flatten().copied().max().unwrap_or(0).max(1) as f64;
        let max_r = (cell_h / 2.0 - 2.0).min(cell_w / 2.0 - 12.0).max(2.0);
        for c in 0..columns.len() {
            let x = (row_w + (c as f64 + 0.5) * cell_w) as i32;
            area.draw(&PathElement::new(vec![(x, 0), (x, (nr as f64 * cell_h) as i32)], GRID)).map_err(draw_error)?;
        }
        for (r, label) in rows.iter().enumerate() {
            let y = (r as f64 + 0.5) * cell_h;
            area.draw(&PathElement::new(vec![(row_w as i32, y as i32), ((w as f64 - 8.0) as i32, y as i32)], GRID))
                .map_err(draw_error)?;
            area.draw(&Text::new(
                fit(label, 12.0, row_w - 12.0),
                ((row_w - 8.0) as i32, y as i32),
                anchored(12.0, HPos::Right, VPos::Center),
            ))
            .map_err(draw_error)?;
            for (c, &v) in values.get(r).map(Vec::as_slice).unwrap_or(&[]).iter().enumerate() {
                if v == 0 {
                    continue;
                }
                let x = row_w + (c as f64 + 0.5) * cell_w;
                let radius = (max_r * (v as f64 / max).sqrt()).max(2.5);
                area.draw(&Circle::new((x as i32, y as i32), radius, PALETTE[0].mix(0.85).filled()))
                    .map_err(draw_error)?;
                area.draw(&Text::new(
                    v.to_string(),
                    ((x + radius + 3.0) as i32, y as i32),
                    anchored(10.0, HPos::Left, VPos::Center),
                ))
                .map_err(draw_error)?;
            }
        }
        let bottom = nr as f64 * cell_h + 6.0;
        for (c, label) in columns.iter().enumerate() {
            let x = (row_w + (c as f64 + 0.5) * cell_w) as i32;
            let text = if rotate {
                Text::new(
                    fit(label, 11.0, col_h - 10.0),
                    (x, bottom as i32),
                    font(11.0).transform(FontTransform::Rotate270).pos(Pos::new(HPos::Right, VPos::Center)),
                )
            } else {
                Text::new(label.clone(), (x, bottom as i32), anchored(11.0, HPos::Center, VPos::Top))
            };
            area.draw(&text).map_err(draw_error)?;
        }
        Ok(())
    })
}

/// Labelled points.
pub fn scatter(
    title: &str,
    subtitle: &str,
    x_name: &str,
    y_name: &str,
    points: &[(f64, f64, String)],
    size: Size,
) -> Result<String> {
    render(size, title, subtitle, &[], |area| {
        axis_names(area, x_name, y_name)?;
        let span = |f: fn(&(f64, f64, String)) -> f64| {
            let lo = points.iter().map(f).fold(f64::INFINITY, f64::min);
            let hi = points.iter().map(f).fold(f64::NEG_INFINITY, f64::max);
            if lo.is_finite() && hi > lo {
                let pad = (hi - lo) * 0.08;
                (lo - pad)..(hi + pad)
            } else {
                -1.0..1.0
            }
        };
        let (xs, ys) = (span(|p| p.0), span(|p| p.1));
        let mut chart = ChartBuilder::on(&area.margin(0, 24, 24, 0))
            .margin_right(24)
            .x_label_area_size(36)
            .y_label_area_size(60)
            .build_cartesian_2d(xs, ys)
            .map_err(draw_error)?;
        chart
            .configure_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(GRID)
            .x_label_formatter(&|x| tick_label(*x))
            .y_label_formatter(&|y| tick_label(*y))
            .x_label_style(font(11.0))
            .y_label_style(font(11.0))
            .draw()
            .map_err(draw_error)?;
        chart
            .draw_series(points.iter().map(|(x, y, _)| Circle::new((*x, *y), 5, PALETTE[0].filled())))
            .map_err(draw_error)?;
        // Labels go right, left, above or below their point, wherever they
        // overlap no label already placed and stay inside the plot; a label
        // that fits nowhere is left out (the table has every point).
        let (pw, ph) = chart.plotting_area().dim_in_pixel();
        let mut placed: Vec<(f64, f64, f64, f64)> = Vec::new();
        for (x, y, label) in points {
            let (px, py) = chart.backend_coord(&(*x, *y));
            let (bx, by) = chart.plotting_area().get_base_pixel();
            let (px, py) = ((px - bx) as f64, (py - by) as f64);
            let (w, h) = (text_width(label, 11.0), 13.0);
            let options = [
                (px + 8.0, py - h / 2.0, HPos::Left, VPos::Center, (8, 0)),
                (px - 8.0 - w, py - h / 2.0, HPos::Right, VPos::Center, (-8, 0)),
                (px - w / 2.0, py - 8.0 - h, HPos::Center, VPos::Bottom, (0, -7)),
                (px - w / 2.0, py + 8.0, HPos::Center, VPos::Top, (0, 7)),
            ];
            let free = options.iter().find(|(lx, ly, ..)| {
                let inside = *lx >= 0.0 && *ly >= 0.0 && lx + w <= pw as f64 && ly + h <= ph as f64;
                inside
                    && placed
                        .iter()
                        .all(|(ox, oy, ow, oh)| lx + w <= *ox || *ox + ow <= *lx || ly + h <= *oy || *oy + oh <= *ly)
            });
            if let Some((lx, ly, hpos, vpos, offset)) = free {
                placed.push((*lx, *ly, w, h));
                chart
                    .draw_series(std::iter::once(
                        EmptyElement::at((*x, *y)) + Text::new(label.clone(), *offset, anchored(11.0, *hpos, *vpos)),
                    ))
                    .map_err(draw_error)?;
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The SVG parses as XML and holds `texts` as text.
    pub fn check_svg(svg: &str, texts: &[&str]) {
        // ZHTEXT_CHART_DIR=dir keeps the test charts, to render and look at.
        if let Some(dir) = std::env::var_os("ZHTEXT_CHART_DIR") {
            let name = format!("{}.svg", texts[0].chars().filter(|c| c.is_alphanumeric()).collect::<String>());
            std::fs::write(std::path::Path::new(&dir).join(name), svg).unwrap();
        }
        let doc = roxmltree::Document::parse(svg).expect("the SVG parses as XML");
        let all: Vec<&str> = doc.descendants().filter(|n| n.is_text()).filter_map(|n| n.text()).collect();
        for t in texts {
            assert!(all.iter().any(|s| s.contains(t)), "{t} not in the SVG text");
        }
        assert!(svg.contains("Noto Sans CJK SC"));
    }

    #[test]
    fn text_width_counts_cjk_as_one_em() {
        assert_eq!(text_width("发展", 10.0), 20.0);
        assert_eq!(text_width("ab", 10.0), 12.0);
        assert_eq!(fit("中华民族伟大复兴", 10.0, 45.0), "中华民…");
    }

    #[test]
    fn line_chart_with_bands_and_gaps() {
        let s = Series {
            name: "发展".into(),
            points: vec![
                Some((3.0, Some((2.0, 4.0)))),
                None,
                Some((5.0, Some((4.0, 6.5)))),
                Some((4.0, Some((3.0, 5.0)))),
            ],
        };
        let labels: Vec<String> = ["2023-W44", "2023-W45", "2023-W46", "2023-W47"].map(String::from).to_vec();
        let svg = line_chart("词频：发展", "", &labels, "周", "每万词频次", &[s], Size::default()).unwrap();
        check_svg(&svg, &["词频：发展", "2023-W44", "每万词频次", "发展"]);
        assert!(svg.contains("<polygon"), "a CI band");
    }

    #[test]
    fn dot_matrix_has_rows_columns_and_counts() {
        let rows = vec!["推动构建人类命运共同体".to_string(), "高质量发展".to_string()];
        let columns = vec!["2023-11".to_string(), "2023-12".to_string()];
        let svg = dot_matrix("提法", "", &rows, &columns, &[vec![7, 1], vec![0, 3]], "月", Size::default()).unwrap();
        check_svg(&svg, &["提法", "推动构建人类命运共同体", "2023-12", "7", "月"]);
        assert_eq!(svg.matches("<circle").count(), 3, "no dot for a zero");
    }

    #[test]
    fn bars_heatmap_diverging_scatter() {
        let panel =
            Bars { title: "讲话".into(), bars: vec![("中国式现代化".into(), 0.31), ("发展".into(), 0.2)] };
        check_svg(&bar_panels("TF-IDF", "", "权重", &[panel], 1, Size::default()).unwrap(), &["中国式现代化", "讲话"]);
        let svg = heatmap(
            "相似度",
            "",
            &["文档甲".into(), "文档乙".into()],
            &["文档甲".into(), "文档乙".into()],
            &[vec![Some(1.0), Some(0.2)], vec![Some(0.2), None]],
            "余弦相似度",
            (0.0, 1.0),
            Size::default(),
        )
        .unwrap();
        check_svg(&svg, &["相似度", "文档乙", "余弦相似度"]);
        let t = [("合作".to_string(), 30.0)];
        let r = [("改革".to_string(), 12.0)];
        check_svg(
            &diverging_bars("关键性", "", "G2", ("其他讲话", &r), ("外交讲话", &t), Size::default()).unwrap(),
            &["合作", "改革", "外交讲话"],
        );
        check_svg(
            &scatter("文档图", "", "PC1", "PC2", &[(0.1, 0.2, "甲".into()), (0.3, -0.1, "乙".into())], Size::default())
                .unwrap(),
            &["文档图", "甲"],
        );
    }
}
