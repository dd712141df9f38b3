//! The conformance report as one self-contained HTML file (`run --html`, `merge --html`):
//! the target, model version, date and options; the summary numbers; every failure with its
//! step, request, answer and broken rule; the catalogue by section with each entry's evidence
//! and verdict; the operations; the baseline; the skipped scenarios; the snapshots' provenance.
//! It is made from a [`Summary`] alone, so a merge of shards renders the same way as a run.

use super::html_parts::{STYLE, anchor, badge, definitions, esc, json_text};
use super::judge::{DeviationStatus, ScenarioVerdict};
use super::summary::{GroupVerdict, ScenarioSummary, Summary};
use std::collections::BTreeMap;
use std::fmt::Write as _;

pub fn render(s: &Summary) -> String {
    let mut out = String::with_capacity(256 * 1024);
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Chime SDK Messaging conformance: {} against {}</title><style>{STYLE}</style></head><body>\n",
        esc(&s.verdict),
        esc(&s.target.url)
    );
    header(&mut out, s);
    tiles(&mut out, s);
    failures(&mut out, s);
    catalogue(&mut out, s);
    operations(&mut out, s);
    baseline(&mut out, s);
    skipped(&mut out, s);
    snapshots(&mut out, s);
    scenarios(&mut out, s);
    out.push_str("</body></html>\n");
    out
}

fn header(out: &mut String, s: &Summary) {
    let _ = write!(
        out,
        "<header><h1>Chime SDK Messaging conformance report</h1>\
         <p>Verdict: <span id=\"verdict\" class=\"verdict v-{0}\">{0}</span></p>",
        esc(&s.verdict)
    );
    let mut rows = vec![
        ("Target", s.target.url.clone()),
        ("Kind of target", s.target.kind.clone()),
        ("Model version", s.model_version.clone()),
        ("Started", s.started_at.clone()),
        ("Duration", format!("{:.1} s", s.duration_seconds)),
        ("chime-conformance", s.tool_version.clone()),
    ];
    if let Some(identity) = &s.target.identity_url {
        rows.insert(1, ("Identity endpoint", identity.clone()));
    }
    if !s.shards.is_empty() {
        rows.push(("Shards", s.shards.join(", ")));
    }
    rows.push((
        "Capabilities",
        if s.target.capabilities.is_empty() {
            "none".into()
        } else {
            s.target.capabilities.join(", ")
        },
    ));
    out.push_str(&definitions(&rows));
    let options: Vec<(&str, String)> = s
        .options
        .iter()
        .map(|(k, v)| (k.as_str(), v.clone()))
        .collect();
    if !options.is_empty() {
        out.push_str("<details><summary>Run options</summary>");
        out.push_str(&definitions(&options));
        out.push_str("</details>");
    }
    out.push_str("</header>\n");
}

fn tiles(out: &mut String, s: &Summary) {
    let c = &s.counts;
    out.push_str("<section id=\"summary\"><h2>Summary</h2><ul class=\"tiles\">");
    for (id, class, n, label) in [
        ("n-scenarios", "", c.scenarios, "scenarios"),
        ("n-pass", "t-pass", c.pass, "passed"),
        ("n-fail", "t-fail", c.fail + c.undefined, "failed (new)"),
        ("n-known", "t-known", c.known, "known deviations"),
        (
            "n-inconclusive",
            "t-inconclusive",
            c.inconclusive,
            "inconclusive",
        ),
        ("n-skipped", "", c.skipped, "skipped"),
    ] {
        let _ = write!(
            out,
            "<li class=\"{class}\"><b id=\"{id}\">{n}</b>{label}</li>"
        );
    }
    out.push_str("</ul>");
    let entries = &s.entries;
    let held = entries
        .iter()
        .filter(|e| e.verdict == GroupVerdict::Pass)
        .count();
    let _ = write!(
        out,
        "<p id=\"entries-line\">{held} of {} catalogue entries hold; {} steps, {} HTTP calls.</p>",
        entries.len(),
        c.steps,
        c.http_calls
    );
    sections_overview(out, s);
    out.push_str("</section>\n");
}

/// One line per catalogue section: how many of its entries hold, with a bar.
fn sections_overview(out: &mut String, s: &Summary) {
    out.push_str(
        "<table id=\"sections\"><thead><tr><th>Section</th><th>Entries</th><th>Pass</th><th>Fail</th>\
         <th>Known</th><th>Other</th><th></th></tr></thead><tbody>",
    );
    let mut order: Vec<(&str, &str)> = Vec::new();
    for e in &s.entries {
        if !order.iter().any(|(id, _)| *id == e.section) {
            order.push((&e.section, &e.section_title));
        }
    }
    for (section, title) in order {
        let entries: Vec<_> = s.entries.iter().filter(|e| e.section == section).collect();
        let n = |v: GroupVerdict| entries.iter().filter(|e| e.verdict == v).count();
        let (pass, fail, known) = (
            n(GroupVerdict::Pass),
            n(GroupVerdict::Fail),
            n(GroupVerdict::Known),
        );
        let other = entries.len() - pass - fail - known;
        let width = |k: usize| k as f64 * 100.0 / entries.len().max(1) as f64;
        let _ = write!(
            out,
            "<tr><td><a href=\"#{}\">{}</a></td><td class=\"num\">{}</td><td class=\"num\">{pass}</td><td class=\"num\">{fail}</td>\
             <td class=\"num\">{known}</td><td class=\"num\">{other}</td><td><span class=\"bar\">\
             <span class=\"v-pass\" style=\"width:{:.1}%\"></span><span class=\"v-fail\" style=\"width:{:.1}%\"></span>\
             <span class=\"v-known\" style=\"width:{:.1}%\"></span></span></td></tr>",
            anchor(section),
            esc(title),
            entries.len(),
            width(pass),
            width(fail),
            width(known)
        );
    }
    out.push_str("</tbody></table>");
}

fn failures(out: &mut String, s: &Summary) {
    let failing: Vec<&ScenarioSummary> = s
        .scenarios
        .iter()
        .filter(|x| {
            matches!(
                x.verdict,
                ScenarioVerdict::Fail
                    | ScenarioVerdict::Undefined
                    | ScenarioVerdict::Known
                    | ScenarioVerdict::Inconclusive
            )
        })
        .collect();
    let new = failing.iter().filter(|x| x.verdict.fails()).count();
    let _ = write!(
        out,
        "<section id=\"failures\"><h2>Failures: {new} new, {} known, {} inconclusive</h2>",
        failing
            .iter()
            .filter(|x| x.verdict == ScenarioVerdict::Known)
            .count(),
        failing
            .iter()
            .filter(|x| x.verdict == ScenarioVerdict::Inconclusive)
            .count()
    );
    if failing.is_empty() {
        out.push_str("<p>None: every scenario that ran passed.</p>");
    }
    // New failures first: they are what a reader came for.
    let mut ordered = failing;
    ordered.sort_by_key(|x| !x.verdict.fails());
    for x in ordered {
        failure(out, x);
    }
    out.push_str("</section>\n");
}

fn failure(out: &mut String, x: &ScenarioSummary) {
    let class = match x.verdict {
        ScenarioVerdict::Known => "failure known",
        ScenarioVerdict::Inconclusive => "failure inconclusive",
        _ => "failure",
    };
    let _ = write!(
        out,
        "<article class=\"{class}\" id=\"{}\"><h3>{} {}</h3>",
        anchor(&x.id.to_string()),
        badge(x.verdict.as_str()),
        esc(&x.id.to_string())
    );
    let _ = write!(
        out,
        "<p>Violated rule: <b>{}</b> (evidence @{}) in <i>{}</i>, line {}</p>",
        esc(&x.behaviours.join(", ")),
        esc(&x.evidence),
        esc(&x.feature_name),
        x.line
    );
    if let Some(reason) = &x.known_reason {
        let reason = if reason.trim().is_empty() {
            "no reason given yet"
        } else {
            reason
        };
        let _ = write!(out, "<p>In the baseline: {}</p>", esc(reason));
    }
    let Some(f) = &x.failure else {
        out.push_str("</article>");
        return;
    };
    let _ = write!(
        out,
        "<p class=\"step\">Step: <code>{}</code> (line {})</p><pre class=\"message\">{}</pre>",
        esc(&f.step),
        f.line,
        esc(&f.message)
    );
    if let Some(e) = &f.exchange {
        let mut request = e.request_line.clone();
        for (k, v) in &e.request_headers {
            let _ = write!(request, "\n{k}: {v}");
        }
        let body = json_text(&e.request_body);
        if !body.is_empty() {
            request.push_str("\n\n");
            request.push_str(&body);
        }
        let mut answer = format!("HTTP {}", e.status);
        if let Some(t) = &e.error_type {
            let _ = write!(answer, "\nx-amzn-ErrorType: {t}");
        }
        if let Some(id) = &e.request_id {
            let _ = write!(answer, "\nx-amzn-RequestId: {id}");
        }
        let body = json_text(&e.answer_body);
        if !body.is_empty() {
            answer.push_str("\n\n");
            answer.push_str(&body);
        }
        let open = if x.verdict.fails() { " open" } else { "" };
        let _ = write!(
            out,
            "<details class=\"request\"{open}><summary>Request: {} (credentials and signatures removed)</summary><pre>{}</pre></details>\
             <details class=\"answer\"{open}><summary>Answer: HTTP {}</summary><pre>{}</pre></details>",
            esc(&e.operation),
            esc(&request),
            e.status,
            esc(&answer)
        );
    }
    out.push_str("</article>");
}

fn catalogue(out: &mut String, s: &Summary) {
    out.push_str(
        "<section id=\"catalogue\"><h2>Catalogue</h2><table><thead><tr><th>Entry</th><th>Evidence</th>\
         <th>Verdict</th><th>Scenarios</th><th>Seconds</th><th>Note</th></tr></thead><tbody>",
    );
    let mut by_section: BTreeMap<(usize, &str), Vec<_>> = BTreeMap::new();
    let mut order: Vec<&str> = Vec::new();
    for e in &s.entries {
        if !order.contains(&e.section.as_str()) {
            order.push(&e.section);
        }
        let i = order.iter().position(|x| *x == e.section).unwrap_or(0);
        by_section.entry((i, &e.section)).or_default().push(e);
    }
    for ((_, section), entries) in by_section {
        let count = |v: GroupVerdict| entries.iter().filter(|e| e.verdict == v).count();
        let title = entries
            .first()
            .map_or(section, |e| e.section_title.as_str());
        let _ = write!(
            out,
            "<tr class=\"section\" id=\"{}\"><th colspan=\"6\">{} ({}): {} entries, {} pass, {} fail, {} known, {} skipped, {} not run</th></tr>",
            anchor(section),
            esc(title),
            esc(section),
            entries.len(),
            count(GroupVerdict::Pass),
            count(GroupVerdict::Fail),
            count(GroupVerdict::Known),
            count(GroupVerdict::Skipped),
            count(GroupVerdict::NotRun)
        );
        for e in entries {
            let _ = write!(
                out,
                "<tr id=\"e-{}\"><td>{}</td><td>@{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{:.2}</td><td>{}</td></tr>",
                esc(&e.id),
                esc(&e.id),
                esc(&e.evidence),
                badge(e.verdict.as_str()),
                e.scenarios,
                e.seconds,
                esc(e.skip_reason.as_deref().unwrap_or(""))
            );
        }
    }
    out.push_str("</tbody></table></section>\n");
}

fn operations(out: &mut String, s: &Summary) {
    out.push_str(
        "<section id=\"operations\"><h2>Operations</h2><table><thead><tr><th>Operation</th><th>Verdict</th>\
         <th>Scenarios</th><th>Calls</th><th>Succeeded</th><th>Errors provoked</th><th>Response members seen</th></tr></thead><tbody>",
    );
    for op in &s.operations {
        let provoked: Vec<String> = op
            .errors
            .iter()
            .filter(|(_, n)| **n > 0)
            .map(|(e, n)| format!("{e} ×{n}"))
            .chain(
                op.unmodelled_errors
                    .iter()
                    .map(|(e, n)| format!("{e} ×{n} (not modelled)")),
            )
            .collect();
        let verdict = if op.scenarios == 0 && op.calls > 0 {
            "<span class=\"muted\">set-up only</span>".to_string()
        } else {
            badge(op.verdict.as_str())
        };
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{verdict}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
             <td>{} of {}{}</td><td class=\"num\">{}/{}</td></tr>",
            esc(&op.operation),
            op.scenarios,
            op.calls,
            op.successes,
            op.errors.values().filter(|n| **n > 0).count(),
            op.errors.len(),
            if provoked.is_empty() {
                String::new()
            } else {
                format!(": {}", esc(&provoked.join(", ")))
            },
            op.members_seen(),
            op.members.len()
        );
    }
    out.push_str("</tbody></table></section>\n");
}

fn baseline(out: &mut String, s: &Summary) {
    let Some(b) = &s.baseline else {
        return;
    };
    let _ = write!(
        out,
        "<section id=\"baseline\"><h2>Baseline</h2><p>{} deviation(s) in <code>{}</code>{}.</p>\
         <table><thead><tr><th>Deviation</th><th>Status</th><th>Expires</th><th>Reason</th></tr></thead><tbody>",
        b.deviations.len(),
        esc(&b.path),
        if b.strict { ", strict" } else { "" }
    );
    for d in &b.deviations {
        let status = match (d.expired, d.status) {
            (true, _) => "expired",
            (_, DeviationStatus::Known) => "known",
            (_, DeviationStatus::Fixed) => "fixed",
            (_, DeviationStatus::NotRun) => "not-run",
            (_, DeviationStatus::NotInSuite) => "not-in-suite",
        };
        let note = match d.status {
            DeviationStatus::Fixed => " — passes now: remove it from the baseline",
            DeviationStatus::NotInSuite => " — no scenario matches it: remove it",
            _ => "",
        };
        let _ = write!(
            out,
            "<tr><td>{}{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&d.subject),
            esc(note),
            badge(status),
            esc(d.expires.as_deref().unwrap_or("never")),
            esc(&d.reason)
        );
    }
    out.push_str("</tbody></table></section>\n");
}

fn skipped(out: &mut String, s: &Summary) {
    let skipped: Vec<&ScenarioSummary> = s
        .scenarios
        .iter()
        .filter(|x| x.verdict == ScenarioVerdict::Skipped)
        .collect();
    if skipped.is_empty() {
        return;
    }
    let _ = write!(
        out,
        "<section id=\"skipped\"><h2>Skipped: {}</h2><table><thead><tr><th>Scenario</th><th>Why</th></tr></thead><tbody>",
        skipped.len()
    );
    for x in skipped {
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td></tr>",
            esc(&x.id.to_string()),
            esc(x.skip_reason.as_deref().unwrap_or(""))
        );
    }
    out.push_str("</tbody></table></section>\n");
}

fn snapshots(out: &mut String, s: &Summary) {
    if s.snapshots.is_empty() {
        return;
    }
    let validated = s
        .snapshots
        .iter()
        .filter(|x| x.last_validated_against_aws.is_some())
        .count();
    let _ = write!(
        out,
        "<section id=\"snapshots\"><h2>Snapshots</h2><p id=\"snapshots-line\">{validated} of {} snapshots were last validated against the real service.</p>\
         <table><thead><tr><th>Snapshot</th><th>Recorded by</th><th>Recorded</th><th>Model version</th><th>Last validated against AWS</th></tr></thead><tbody>",
        s.snapshots.len()
    );
    for x in &s.snapshots {
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&x.file),
            esc(&x.recorded_by),
            esc(x.recorded_at.as_deref().unwrap_or("")),
            esc(x.model_version.as_deref().unwrap_or("")),
            esc(x.last_validated_against_aws.as_deref().unwrap_or("never"))
        );
    }
    out.push_str("</tbody></table></section>\n");
}

fn scenarios(out: &mut String, s: &Summary) {
    let _ = write!(
        out,
        "<section id=\"scenarios\"><details><summary>All {} scenarios</summary><table><thead><tr><th>Scenario</th>\
         <th>Verdict</th><th>Behaviours</th><th>Steps</th><th>Seconds</th></tr></thead><tbody>",
        s.scenarios.len()
    );
    for x in &s.scenarios {
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{:.2}</td></tr>",
            esc(&x.id.to_string()),
            badge(x.verdict.as_str()),
            esc(&x.behaviours.join(", ")),
            x.steps,
            x.seconds
        );
    }
    out.push_str("</tbody></table></details></section>\n");
}
