//! The text output of a diff: the AWS changelog's form, then the table of classified changes.

use super::change::ModelDiff;
use super::pretty::python_repr;

impl ModelDiff {
    /// The changelog form: a summary line, the new, removed and updated operations with their
    /// member changes, then the table of classified changes.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let mut counts = vec![
            format!("{} new", self.new_operations.len()),
            format!("{} updated", self.updated_operations.len()),
        ];
        if !self.removed_operations.is_empty() {
            counts.push(format!("{} removed", self.removed_operations.len()));
        }
        out.push_str(&format!(
            "{} - {} api methods\n",
            self.service,
            counts.join(" ")
        ));
        for name in &self.new_operations {
            out.push_str(&format!("\n{name} (new)\n"));
        }
        for name in &self.removed_operations {
            out.push_str(&format!("\n{name} (removed)\n"));
        }
        for op in &self.updated_operations {
            out.push_str(&format!("\n{} (updated)\n", op.name));
            for (side, members) in [("request", &op.request), ("response", &op.response)] {
                if let Some(added) = &members.added {
                    out.push_str(&format!("Changes ({side})\n{}\n", python_repr(added)));
                }
                if let Some(removed) = &members.removed {
                    out.push_str(&format!("Removals ({side})\n{}\n", python_repr(removed)));
                }
            }
        }
        let changes = self.changes();
        out.push_str(&format!("\nClassified changes ({})\n", changes.len()));
        if changes.is_empty() {
            out.push_str("none\n");
            return out;
        }
        let header = [
            "OPERATION",
            "SIDE",
            "PATH",
            "CHANGE",
            "OLD",
            "NEW",
            "CLIENT",
            "SERVER",
        ]
        .map(str::to_owned);
        let dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
        let rows: Vec<[String; 8]> = std::iter::once(header)
            .chain(changes.iter().map(|c| {
                [
                    c.operation.clone(),
                    c.side.to_string(),
                    if c.path.is_empty() {
                        "-".into()
                    } else {
                        c.path.clone()
                    },
                    c.kind.to_string(),
                    dash(&c.old),
                    dash(&c.new),
                    c.client.to_string(),
                    c.server.to_string(),
                ]
            }))
            .collect();
        let mut widths = [0usize; 8];
        for row in &rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        for row in &rows {
            let line: Vec<String> = row
                .iter()
                .zip(widths)
                .map(|(cell, w)| format!("{cell:<w$}"))
                .collect();
            out.push_str(line.join("  ").trim_end());
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::diff::fixtures::update;

    #[test]
    fn text_output_has_the_changelog_and_the_table() {
        let text = update().to_text();
        assert!(text.starts_with("Amazon Chime SDK Messaging - 1 new 7 updated api methods\n"));
        assert!(text.contains("\nPutChannelExpirationSettings (new)\n"));
        assert!(text.contains(
            "\nChannelFlowCallback (updated)\nChanges (request)\n{'ChannelMessage': {'ContentType': 'string'}}\n"
        ));
        assert!(text.contains(
            "\nGetChannelMessage (updated)\nChanges (response)\n{'ChannelMessage': {'ContentType': 'string'}}\n"
        ));
        let row = text
            .lines()
            .find(|l| l.starts_with("UpdateChannelMessage") && l.contains("required"))
            .unwrap();
        let cells: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(
            cells,
            [
                "UpdateChannelMessage",
                "request",
                "Content",
                "required",
                "optional",
                "required",
                "BREAKING",
                "-"
            ]
        );
    }
}
