//! `chime-conformance merge`: the reports of a run's shards made one: their summaries into
//! one summary and one HTML report, their JUnit files into one JUnit file.

use super::compare::read_summary;
use crate::harness::gate::html;
use crate::harness::gate::junit_merge::merge_junit;
use crate::harness::gate::merge::merge_summaries;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shards' `run --summary-json` files (`.json`) and `run --junit` files (`.xml`).
    #[arg(value_name = "FILE", required = true)]
    pub inputs: Vec<PathBuf>,
    /// Write the merged summary here.
    #[arg(long, value_name = "FILE")]
    pub summary_json: Option<PathBuf>,
    /// Write the HTML report of the merged summary here.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// Write the merged JUnit file here (needs `.xml` inputs).
    #[arg(long, value_name = "FILE")]
    pub junit: Option<PathBuf>,
}

pub fn run(args: Args) -> u8 {
    match merge(&args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: merge: {e}");
            super::exit::USAGE
        }
    }
}

fn merge(args: &Args) -> Result<u8, String> {
    if args.summary_json.is_none() && args.html.is_none() && args.junit.is_none() {
        return Err("nothing to write: give --summary-json, --html or --junit".into());
    }
    let (xml, json): (Vec<&PathBuf>, Vec<&PathBuf>) = args
        .inputs
        .iter()
        .partition(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("xml")));
    if let Some(other) = json.iter().find(|p| {
        !p.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"))
    }) {
        return Err(format!(
            "{}: neither a summary (.json) nor a JUnit file (.xml)",
            other.display()
        ));
    }
    let mut code = super::exit::OK;
    if args.summary_json.is_some() || args.html.is_some() {
        if json.is_empty() {
            return Err("--summary-json and --html need the shards' summaries (.json)".into());
        }
        let parts = json
            .iter()
            .map(|p| read_summary(p).map(|s| (p.display().to_string(), s)))
            .collect::<Result<Vec<_>, _>>()?;
        let (merged, warnings) = merge_summaries(&parts)?;
        for w in warnings {
            eprintln!("warning: merge: {w}");
        }
        if let Some(path) = &args.summary_json {
            std::fs::write(path, merged.to_json())
                .map_err(|e| format!("--summary-json {}: {e}", path.display()))?;
        }
        if let Some(path) = &args.html {
            std::fs::write(path, html::render(&merged))
                .map_err(|e| format!("--html {}: {e}", path.display()))?;
        }
        let c = &merged.counts;
        println!(
            "merged {} summaries ({}): {} scenarios, {} passed, {} failed, {} known, {} inconclusive, {} skipped: {}",
            parts.len(),
            if merged.shards.is_empty() {
                "no shards".to_string()
            } else {
                merged.shards.join(", ")
            },
            c.scenarios,
            c.pass,
            c.fail + c.undefined,
            c.known,
            c.inconclusive,
            c.skipped,
            merged.verdict
        );
        code = match merged.verdict.as_str() {
            "pass" => super::exit::OK,
            "fail" => super::exit::FAILURE,
            "interrupted" => super::exit::INTERRUPTED,
            _ => super::exit::USAGE,
        };
    }
    if let Some(path) = &args.junit {
        if xml.is_empty() {
            return Err("--junit needs the shards' JUnit files (.xml)".into());
        }
        let parts = xml
            .iter()
            .map(|p| {
                std::fs::read_to_string(p)
                    .map(|t| (p.display().to_string(), t))
                    .map_err(|e| format!("{}: {e}", p.display()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        std::fs::write(path, merge_junit(&parts)?)
            .map_err(|e| format!("--junit {}: {e}", path.display()))?;
    }
    Ok(code)
}
