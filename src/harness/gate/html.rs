//! The conformance report as one self-contained HTML file.

use super::summary::Summary;

pub fn render(summary: &Summary) -> String {
    format!("<!doctype html><title>{}</title>", summary.verdict)
}
