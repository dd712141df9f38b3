//! Writing a generated feature file: a header that says where it came from, the feature's
//! description and Background, and Scenario Outlines whose Examples come one block per
//! operation, tagged `@op:` so the reports count each example for its operation.

use std::fmt::Write as _;

/// A generated feature file.
pub struct Feature {
    pub title: String,
    /// Lines of the description; the first says which rule and how the set was chosen.
    pub description: Vec<String>,
    pub background: Vec<String>,
    pub outlines: Vec<Outline>,
}

/// One Scenario Outline and its examples.
pub struct Outline {
    pub tags: Vec<String>,
    /// Comment lines above the outline: why its expectation is what it is.
    pub comment: Vec<String>,
    pub title: String,
    pub steps: Vec<String>,
    pub columns: Vec<&'static str>,
    /// (operation, row cells): the rows of one operation form one Examples block.
    pub rows: Vec<(String, Vec<String>)>,
}

impl Feature {
    pub fn render(&self) -> String {
        let mut out = String::new();
        out.push_str(
            "# Generated from the service models by `chime-conformance features generate`.\n\
             # Do not edit: the tests fail when this file and the models disagree.\n",
        );
        let _ = writeln!(out, "@generated\nFeature: {}", self.title);
        for line in &self.description {
            let _ = writeln!(out, "  {line}");
        }
        out.push_str("\n  Background:\n");
        for step in &self.background {
            let _ = writeln!(out, "    {step}");
        }
        for outline in self.outlines.iter().filter(|o| !o.rows.is_empty()) {
            out.push('\n');
            outline.render(&mut out);
        }
        out
    }
}

impl Outline {
    fn render(&self, out: &mut String) {
        for line in &self.comment {
            let _ = writeln!(out, "  # {line}");
        }
        let _ = writeln!(out, "  {}", self.tags.join(" "));
        let _ = writeln!(out, "  Scenario Outline: {}", self.title);
        for step in &self.steps {
            let _ = writeln!(out, "    {step}");
        }
        let header: Vec<String> = self.columns.iter().map(|c| c.to_string()).collect();
        let mut start = 0;
        while start < self.rows.len() {
            let op = &self.rows[start].0;
            let end = start
                + self.rows[start..]
                    .iter()
                    .take_while(|(o, _)| o == op)
                    .count();
            let block: Vec<Vec<String>> = self.rows[start..end]
                .iter()
                .map(|(_, r)| r.iter().map(|c| escape(c)).collect())
                .collect();
            let _ = write!(out, "\n    @op:{op}\n    Examples:\n");
            table(out, &header, &block);
            start = end;
        }
    }
}

/// One Examples table, its columns as wide as their widest cell.
fn table(out: &mut String, header: &[String], rows: &[Vec<String>]) {
    let widths: Vec<usize> = (0..header.len())
        .map(|i| {
            rows.iter()
                .map(|r| r[i].chars().count())
                .chain([header[i].chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    for cells in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count())))
            .collect();
        let _ = writeln!(out, "      | {} |", padded.join(" | "));
    }
}

/// A table cell as Gherkin reads it back: backslash, pipe and newline escaped.
fn escape(cell: &str) -> String {
    cell.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('\n', "\\n")
}
