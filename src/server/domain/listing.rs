//! Listing messages: newest first by default, bounded by NotBefore and NotAfter, paged so that
//! every message is listed exactly once (B-LIST-01..05, B-WIRE-11/12).

use super::access::target;
use super::clock::ms;
use super::context::{Ctx, Handler};
use super::elastic::sub_channel_of;
use super::error::ApiError;
use super::message_rules::{may_read, visible};
use super::message_views::summary_value;
use super::paging::{decode_token, encode_token, with_token};
use super::records::{Message, MsgKey};
use crate::server::faults::Fault;
use serde_json::{Map, Value, json};
use std::collections::HashMap;

pub fn register(t: &mut HashMap<&'static str, Handler>) {
    t.insert("ListChannelMessages", list_messages);
}

fn list_messages(cx: &mut Ctx) -> Result<Value, ApiError> {
    let (arn, caller, r) = target(cx)?;
    let ch = cx.st.channel(&arn)?;
    may_read(cx.st, ch, r)?;
    let faults = &cx.st.faults;
    let sub = sub_channel_of(faults, ch, cx.args.opt_str("SubChannelId"))?;
    let ascending = match cx.args.opt_str("SortOrder") {
        Some(order) => order == "ASCENDING",
        None => faults.has(Fault::AscendingByDefault),
    };
    let dir = if ascending { "a" } else { "d" };
    // B-LIST-02 (assumed inclusive bounds).
    let not_before = cx
        .args
        .opt_f64("NotBefore")
        .filter(|_| !faults.has(Fault::NotBeforeIgnored));
    let lo: MsgKey = (not_before.map_or(i64::MIN, ms), 0);
    let hi: MsgKey = (cx.args.opt_f64("NotAfter").map_or(i64::MAX, ms), u64::MAX);
    let (lo, hi) = match cx.args.next_token() {
        None => (lo, hi),
        Some(t) => {
            let raw = decode_token("msg", t)?;
            let bad = || ApiError::bad_request(format!("NextToken {t:?} is not valid here"));
            let mut parts = raw.split(':');
            let (Some(d), Some(ts), Some(seq), None) =
                (parts.next(), parts.next(), parts.next(), parts.next())
            else {
                return Err(bad());
            };
            let resume: MsgKey = (
                ts.parse().map_err(|_| bad())?,
                seq.parse().map_err(|_| bad())?,
            );
            if d != dir {
                return Err(bad());
            }
            if ascending {
                (resume, hi)
            } else {
                (lo, resume)
            }
        }
    };
    let mut size = cx.args.page_size();
    if faults.has(Fault::DefaultPageOfTen) && cx.args.opt_value("MaxResults").is_none() {
        size = 10;
    }
    let mut out = Vec::new();
    let mut next = None;
    let mut last_listed = None;
    if lo <= hi
        && let Some(bucket) = ch.messages.get(&sub.clone().unwrap_or_default())
    {
        let range = bucket.range(lo..=hi).map(|(k, m)| (k, &**m));
        let iter: Box<dyn Iterator<Item = (&MsgKey, &Message)>> = if ascending {
            Box::new(range)
        } else {
            Box::new(range.rev())
        };
        let mut listed = iter.filter(|(_, m)| visible(cx.st, m, &caller));
        while let Some((k, m)) = listed.next() {
            if out.len() == size {
                let mut resume = *k;
                if faults.has(Fault::PaginationRepeats) {
                    resume = last_listed.unwrap_or(resume);
                }
                if faults.has(Fault::PaginationSkips) {
                    resume = listed.next().map_or(resume, |(k, _)| *k);
                }
                next = Some(encode_token(
                    "msg",
                    &format!("{dir}:{}:{}", resume.0, resume.1),
                ));
                break;
            }
            last_listed = Some(*k);
            let mut summary = summary_value(cx.st, m);
            if faults.has(Fault::SummaryLeaksChannelArn)
                && let Some(o) = summary.as_object_mut()
            {
                o.insert(
                    "ChannelArn".into(),
                    Value::String(m.channel_arn.to_string()),
                );
                o.insert("Persistence".into(), json!(m.persistence));
            }
            out.push(summary);
        }
    }
    if next.is_none() && faults.has(Fault::TokenOnLastPage) {
        next = Some(encode_token("msg", &format!("{dir}:{}:{}", i64::MIN, 0)));
    }
    // Built directly: `json!` would copy every listed message once more.
    let mut page = Map::with_capacity(4);
    page.insert("ChannelArn".into(), Value::String(arn));
    page.insert("ChannelMessages".into(), Value::Array(out));
    if let Some(sub) = sub {
        page.insert("SubChannelId".into(), Value::String(sub));
    }
    Ok(with_token(Value::Object(page), next))
}

#[cfg(test)]
mod tests {
    use crate::server::domain::fixture::{Fx, T0};
    use serde_json::{Value, json};

    #[test]
    fn b_list_01_02_sort_order_and_inclusive_bounds() {
        let fx = Fx::new();
        let ch = fx.channel("alice", json!({}));
        for i in 0..5 {
            fx.send(&ch, "alice", &format!("m{i}"));
            fx.d.advance_clock(&fx.inst, 10.0).unwrap();
        }
        assert_eq!(
            fx.contents(&ch, "alice", json!({})),
            vec!["m4", "m3", "m2", "m1", "m0"]
        );
        assert_eq!(
            fx.contents(&ch, "alice", json!({"SortOrder": "ASCENDING"})),
            vec!["m0", "m1", "m2", "m3", "m4"]
        );
        assert_eq!(
            fx.contents(
                &ch,
                "alice",
                json!({"SortOrder": "ASCENDING", "NotBefore": T0 + 10.0, "NotAfter": T0 + 30.0})
            ),
            vec!["m1", "m2", "m3"]
        );
    }

    #[test]
    fn b_list_04_b_wire_12_pagination_returns_every_message_once() {
        let fx = Fx::new();
        let ch = fx.channel("alice", json!({}));
        for i in 0..120 {
            fx.send(&ch, "alice", &format!("m{i:03}"));
        }
        // B-WIRE-12: the default page size is 50
        let first = fx.list(&ch, "alice", json!({}));
        assert_eq!(first["ChannelMessages"].as_array().unwrap().len(), 50);
        for order in ["ASCENDING", "DESCENDING"] {
            let mut seen = Vec::new();
            let mut token: Option<String> = None;
            loop {
                let mut extra = json!({"SortOrder": order, "MaxResults": 7});
                if let Some(t) = &token {
                    extra["NextToken"] = json!(t);
                }
                let page = fx.list(&ch, "alice", extra);
                for m in page["ChannelMessages"].as_array().unwrap() {
                    seen.push(m["Content"].as_str().unwrap().to_owned());
                }
                match page.get("NextToken").and_then(Value::as_str) {
                    Some(t) => token = Some(t.to_owned()),
                    None => break,
                }
            }
            let mut expected: Vec<String> = (0..120).map(|i| format!("m{i:03}")).collect();
            if order == "DESCENDING" {
                expected.reverse();
            }
            assert_eq!(seen, expected, "{order}");
        }
        let e = fx.err(
            "ListChannelMessages",
            json!({"ChannelArn": ch, "ChimeBearer": fx.user("alice"), "NextToken": "garbage"}),
        );
        assert_eq!(e.shape, "BadRequestException");
    }
}
