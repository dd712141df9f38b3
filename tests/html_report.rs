//! The HTML report as a reader sees it, in headless Chromium: the summary numbers are those of
//! the run's summary, a new failure shows its step, request, answer and broken rule, a known one
//! its baseline reason, and nothing on the page comes from the network or carries a signature.

#[path = "common/chromium.rs"]
mod chromium;
#[path = "common/served.rs"]
mod served;

use served::{Served, arg, run};

#[tokio::test(flavor = "multi_thread")]
async fn the_report_shows_the_numbers_and_a_failures_detail_in_a_browser() {
    let Some(browser) = chromium::find() else {
        return;
    };
    let dir = tempfile::tempdir().expect("a temporary directory");
    let (html, json, baseline) = (
        dir.path().join("report.html"),
        dir.path().join("summary.json"),
        dir.path().join("baseline.toml"),
    );
    std::fs::write(
        &baseline,
        "version = 1\n\n[[deviation]]\nfeature = \"listing.feature\"\nscenario = \"Messages are listed newest first by default\"\nreason = \"our mock lists oldest first (issue 31)\"\n",
    )
    .expect("the baseline is written");
    let faulty = Served::start(&["ascending-by-default"]);
    let url = faulty.url.clone();
    let (h, j, b) = (html.clone(), json.clone(), baseline.clone());
    let (code, out, err) = tokio::task::spawn_blocking(move || {
        run(
            Some(&url),
            &[
                "--baseline",
                arg(&b),
                "--html",
                arg(&h),
                "--summary-json",
                arg(&j),
            ],
        )
    })
    .await
    .expect("the run");
    assert_eq!(code, Some(1), "{out}\n{err}");
    drop(faulty);
    let source = std::fs::read_to_string(&html).expect("the report is written");
    for remote in ["http://", "https://", "<script", "<link"] {
        let found: Vec<&str> = source
            .match_indices(remote)
            .map(|(i, _)| &source[i.saturating_sub(30)..(i + 60).min(source.len())])
            .filter(|ctx| !ctx.contains("127.0.0.1"))
            .collect();
        assert!(
            found.is_empty(),
            "the report fetches or links {remote}: {found:?}"
        );
    }
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).expect("summary")).expect("JSON");

    let mut page = chromium::Page::open(&browser, &html, 1280, 1600).await;
    let verdict = page.text("#verdict").await;
    assert_eq!(verdict, "fail");
    for (tile, count) in [
        ("#n-scenarios", "scenarios"),
        ("#n-pass", "pass"),
        ("#n-known", "known"),
        ("#n-skipped", "skipped"),
    ] {
        assert_eq!(
            page.text(tile).await,
            summary["counts"][count].to_string(),
            "{tile}"
        );
    }
    let failed = summary["counts"]["fail"].as_u64().expect("a count");
    assert!(failed > 0);
    assert_eq!(page.text("#n-fail").await, failed.to_string());
    assert_eq!(page.text("#n-known").await, "1");

    let seen = page.text("body").await;
    assert!(seen.contains("Model version"), "{seen}");
    assert!(
        seen.contains(summary["modelVersion"].as_str().expect("a model version")),
        "{seen}"
    );
    // A new failure, unfolded: its step, the request and the answer, the rule it broke.
    let failure = page.text("article.failure:not(.known)").await;
    assert!(failure.contains("Violated rule: B-LIST-"), "{failure}");
    assert!(failure.contains("Step: "), "{failure}");
    assert!(
        failure.contains("Request: ListChannelMessages (credentials and signatures removed)"),
        "{failure}"
    );
    assert!(
        failure.contains("GET /channels/arn%3Aaws%3Achime"),
        "{failure}"
    );
    assert!(
        failure.contains("x-amz-chime-bearer: arn:aws:chime:"),
        "{failure}"
    );
    assert!(failure.contains("Answer: HTTP 200"), "{failure}");
    assert!(failure.contains("\"ChannelMessages\""), "{failure}");
    assert!(
        !seen.to_ascii_lowercase().contains("authorization"),
        "no credentials shown"
    );
    // The known failure says why it is known.
    let known = page.text("article.failure.known").await;
    assert!(
        known.contains("Messages are listed newest first by default"),
        "{known}"
    );
    assert!(
        known.contains("In the baseline: our mock lists oldest first (issue 31)"),
        "{known}"
    );
    // The catalogue and operations tables.
    let catalogue = page.text("#catalogue").await;
    assert!(
        catalogue.contains("Listing messages (B-LIST)"),
        "{catalogue}"
    );
    let row = page.text("#e-B-LIST-01").await;
    assert!(
        row.contains("B-LIST-01") && row.contains("@doc") && row.contains("known"),
        "{row}"
    );
    let operations = page.text("#operations").await;
    assert!(
        operations.contains("messaging:ListChannelMessages"),
        "{operations}"
    );
    let snapshots = page.text("#snapshots-line").await;
    assert!(
        snapshots.ends_with("snapshots were last validated against the real service."),
        "{snapshots}"
    );
    assert!(page.text("#snapshots").await.contains("reference-server"));
    // The page lays out as a page: nothing wider than the window.
    let width = page.eval("document.documentElement.scrollWidth").await;
    let wide = page.eval("Array.from(document.querySelectorAll('*')).filter(e => e.getBoundingClientRect().right > 1280).slice(0, 8).map(e => e.tagName + '.' + e.className + '#' + e.id + ' ' + Math.round(e.getBoundingClientRect().right) + ' ' + (e.innerText||'').slice(0,80)).join('\\n')").await;
    eprintln!("WIDE: {}", wide.as_str().unwrap_or_default());
    assert!(
        width.as_u64().is_some_and(|w| w <= 1280),
        "scroll width {width}"
    );
}
