//! One scenario of the suite on its own: its feature file, copied from the suite the binary
//! embeds, with the scenario tagged `@bench-solo` (and of an outline only its example row
//! left), so that `run --features DIR --tags @bench-solo` runs it and nothing else.

use chime_conformance::harness::features;
use chime_conformance::harness::gate::summary::ScenarioSummary;
use std::path::Path;

pub const TAG: &str = "@bench-solo";

const HEADERS: &[&str] = &[
    "Scenario:",
    "Scenario Outline:",
    "Scenario Template:",
    "Example:",
];

/// Writes the feature of `scenario`, with it tagged, into `dir` under the feature's file name.
pub fn write_feature(scenario: &ScenarioSummary, dir: &Path) -> Result<(), String> {
    let id = &scenario.id;
    let text = features::all()
        .into_iter()
        .filter(|(path, _)| {
            Path::new(path)
                .file_name()
                .is_some_and(|n| *n == *id.feature)
        })
        .map(|(_, text)| text)
        .find(|text| {
            text.lines().any(|l| {
                l.trim()
                    .strip_prefix("Feature:")
                    .is_some_and(|n| n.trim() == scenario.feature_name.trim())
            })
        })
        .ok_or_else(|| {
            format!(
                "no feature file {} titled {:?}",
                id.feature, scenario.feature_name
            )
        })?;
    let tagged = tag_scenario(&text, scenario.line, id.example.as_deref())
        .map_err(|e| format!("{} line {}: {e}", id.feature, scenario.line))?;
    std::fs::write(dir.join(&id.feature), tagged)
        .map_err(|e| format!("writing {} into {}: {e}", id.feature, dir.display()))
}

/// `text` with the scenario at `line` (1-based; an outline's example row or its header)
/// tagged, and when `example` is given, every other row of the outline's examples removed.
fn tag_scenario(text: &str, line: usize, example: Option<&str>) -> Result<String, String> {
    let lines: Vec<&str> = text.lines().collect();
    let at = line
        .checked_sub(1)
        .filter(|i| *i < lines.len())
        .ok_or("the line is not in the file")?;
    let header = (0..=at)
        .rev()
        .find(|&i| is_header(lines[i]))
        .ok_or("no Scenario above the line")?;
    let end = (header + 1..lines.len())
        .find(|&i| is_header(lines[i]) || starts(lines[i], &["Rule:", "Background:"]))
        .unwrap_or(lines.len());
    let indent = &lines[header][..lines[header].len() - lines[header].trim_start().len()];
    let mut out: Vec<String> = Vec::with_capacity(lines.len() + 1);
    out.extend(lines[..header].iter().map(|l| l.to_string()));
    out.push(format!("{indent}{TAG}"));
    let mut kept = 0;
    // Some(false): in an Examples block before its header row; Some(true): after it.
    let mut examples: Option<bool> = None;
    for (i, l) in lines.iter().enumerate().take(end).skip(header) {
        let t = l.trim();
        if i > header && starts(l, &["Examples:", "Scenarios:"]) {
            examples = Some(false);
        } else if t.starts_with('|') {
            match (examples, example) {
                (Some(false), _) => examples = Some(true),
                (Some(true), Some(wanted)) if cells(t) != wanted => continue,
                (Some(true), Some(_)) => kept += 1,
                _ => {}
            }
        } else if !t.is_empty() && !t.starts_with('#') {
            examples = None;
        }
        out.push(l.to_string());
    }
    out.extend(lines[end..].iter().map(|l| l.to_string()));
    if example.is_some() && kept == 0 {
        return Err(format!("no example row {example:?} in the outline"));
    }
    Ok(out.join("\n") + "\n")
}

fn starts(line: &str, words: &[&str]) -> bool {
    let t = line.trim_start();
    words.iter().any(|w| t.starts_with(w))
}

fn is_header(line: &str) -> bool {
    starts(line, HEADERS)
}

/// A table row's cells as the summary joins them: unescaped, trimmed, joined by ` | `.
fn cells(row: &str) -> String {
    let inner = row.trim().trim_start_matches('|');
    let mut cells = vec![String::new()];
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('|') => cells.last_mut().into_iter().for_each(|s| s.push('|')),
                Some('n') => cells.last_mut().into_iter().for_each(|s| s.push('\n')),
                Some(o) => cells.last_mut().into_iter().for_each(|s| s.push(o)),
                None => {}
            },
            '|' => cells.push(String::new()),
            c => cells.last_mut().into_iter().for_each(|s| s.push(c)),
        }
    }
    // The row's closing `|` leaves an empty last cell.
    if inner.trim_end().ends_with('|') && cells.last().is_some_and(|c| c.trim().is_empty()) {
        cells.pop();
    }
    cells
        .iter()
        .map(|c| c.trim())
        .collect::<Vec<_>>()
        .join(" | ")
}
