//! JUnit files of several shards made one: the testsuites of a feature from every shard become
//! one testsuite, their counts added up. Reads the files `run --junit` writes.

use regex::Regex;
use std::collections::BTreeMap;
use std::fmt::Write as _;

#[derive(Debug, Default)]
struct Suite {
    tests: u64,
    failures: u64,
    errors: u64,
    skipped: u64,
    time: f64,
    body: String,
}

/// The merged file; `parts` are (name, text) pairs, the name used in errors.
pub fn merge_junit(parts: &[(String, String)]) -> Result<String, String> {
    let suite_re =
        Regex::new(r#"(?s)<testsuite ([^>]*?)>(.*?)</testsuite>"#).map_err(|e| e.to_string())?;
    let attr_re = Regex::new(r#"(\w+)="([^"]*)""#).map_err(|e| e.to_string())?;
    let mut suites: BTreeMap<String, Suite> = BTreeMap::new();
    for (name, text) in parts {
        if !text.contains("<testsuites") {
            return Err(format!("{name}: not a JUnit file (no <testsuites>)"));
        }
        for caps in suite_re.captures_iter(text) {
            let attrs: BTreeMap<&str, &str> = attr_re
                .captures_iter(caps.get(1).map_or("", |m| m.as_str()))
                .filter_map(|a| Some((a.get(1)?.as_str(), a.get(2)?.as_str())))
                .collect();
            let suite_name = attrs
                .get("name")
                .ok_or_else(|| format!("{name}: a <testsuite> without a name"))?;
            let num = |k: &str| {
                attrs
                    .get(k)
                    .and_then(|v| v.parse::<u64>().ok())
                    .unwrap_or(0)
            };
            let s = suites.entry((*suite_name).to_owned()).or_default();
            s.tests += num("tests");
            s.failures += num("failures");
            s.errors += num("errors");
            s.skipped += num("skipped");
            s.time += attrs
                .get("time")
                .and_then(|v| v.parse::<f64>().ok())
                .unwrap_or(0.0);
            s.body.push_str(caps.get(2).map_or("", |m| m.as_str()));
        }
    }
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"chime-conformance\">\n",
    );
    for (name, s) in suites {
        let body = s.body.trim_matches('\n');
        let _ = write!(
            out,
            "  <testsuite name=\"{name}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" time=\"{:.3}\">\n{body}\n  </testsuite>\n",
            s.tests, s.failures, s.errors, s.skipped, s.time
        );
    }
    out.push_str("</testsuites>\n");
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suites_of_one_feature_are_joined_and_counted() {
        let a = "<?xml version=\"1.0\"?>\n<testsuites name=\"chime-conformance\">\n  <testsuite name=\"Messages\" tests=\"1\" failures=\"1\" errors=\"0\" skipped=\"0\" time=\"0.500\">\n    <testcase classname=\"Messages\" name=\"a\"/>\n  </testsuite>\n</testsuites>\n";
        let b = "<testsuites name=\"chime-conformance\">\n  <testsuite name=\"Messages\" tests=\"2\" failures=\"0\" errors=\"1\" skipped=\"1\" time=\"0.250\">\n    <testcase classname=\"Messages\" name=\"b\"/>\n  </testsuite>\n  <testsuite name=\"Channels &amp; more\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\" time=\"0.1\">\n    <testcase name=\"c\"/>\n  </testsuite>\n</testsuites>\n";
        let merged = merge_junit(&[("a".into(), a.into()), ("b".into(), b.into())]).unwrap();
        assert!(merged.contains("<testsuite name=\"Messages\" tests=\"3\" failures=\"1\" errors=\"1\" skipped=\"1\" time=\"0.750\">"), "{merged}");
        assert!(merged.contains("name=\"a\"/>") && merged.contains("name=\"b\"/>"));
        assert!(
            merged.contains("<testsuite name=\"Channels &amp; more\""),
            "{merged}"
        );
        let e = merge_junit(&[("x.xml".into(), "{}".into())]).unwrap_err();
        assert_eq!(e, "x.xml: not a JUnit file (no <testsuites>)");
    }
}
