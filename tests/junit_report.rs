//! The JUnit report of a failing run parses as JUnit XML and names each broken behaviour.

use chime_conformance::server::{self, ServerConfig, faults::Fault};
use std::process::Command;

#[test]
fn a_failing_run_writes_junit_xml_naming_the_broken_behaviours() {
    let rt = tokio::runtime::Runtime::new().expect("a runtime");
    let config = ServerConfig {
        faults: Fault::from_name("ascending-by-default")
            .expect("a known fault")
            .into(),
        ..ServerConfig::default()
    };
    let server = rt
        .block_on(server::spawn(config))
        .expect("the server starts");
    let dir = std::env::temp_dir().join(format!("junit-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    let file = dir.join("report.xml");

    let out = Command::new(env!("CARGO_BIN_EXE_chime-conformance"))
        .args([
            "run",
            "-q",
            "--endpoint",
            &server.url,
            "--tags",
            "@B-LIST-01",
        ])
        .arg("--junit")
        .arg(&file)
        .output()
        .expect("the binary runs");
    assert_eq!(out.status.code(), Some(1), "a conformance failure exits 1");

    let text = std::fs::read_to_string(&file).expect("the report is written");
    let doc = roxmltree::Document::parse(&text).expect("the report is well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let mut failures = Vec::new();
    for suite in root.children().filter(|n| n.is_element()) {
        assert_eq!(suite.tag_name().name(), "testsuite");
        let cases: Vec<_> = suite
            .children()
            .filter(|n| n.has_tag_name("testcase"))
            .collect();
        let count = |attr: &str| -> usize {
            suite
                .attribute(attr)
                .and_then(|v| v.parse().ok())
                .unwrap_or_else(|| panic!("testsuite has a numeric {attr}"))
        };
        assert_eq!(count("tests"), cases.len(), "tests counts the testcases");
        let failed: Vec<_> = cases
            .iter()
            .filter_map(|c| c.children().find(|n| n.has_tag_name("failure")))
            .collect();
        assert_eq!(
            count("failures"),
            failed.len(),
            "failures counts the failures"
        );
        for case in &cases {
            assert!(case.attribute("name").is_some() && case.attribute("classname").is_some());
        }
        failures.extend(failed.iter().filter_map(|f| f.attribute("message")));
    }
    assert!(
        !failures.is_empty(),
        "the fault fails some scenario:\n{text}"
    );
    for message in &failures {
        assert!(
            message.contains("B-LIST-01"),
            "failure names its behaviour: {message}"
        );
    }
    rt.block_on(server.shutdown()).expect("the server stops");
    let _ = std::fs::remove_dir_all(&dir);
}
