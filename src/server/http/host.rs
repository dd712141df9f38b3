//! The address a request was sent to: its `Host` header (or the HTTP/2 authority), checked to
//! be a bare host name or IP address with an optional port, and lowercased. Anything else
//! (a path, user info, stray characters) is no address.

use http::{HeaderMap, Uri, header::HOST};
use std::borrow::Cow;
use std::net::{Ipv4Addr, Ipv6Addr};

/// `host[:port]` as the client addressed the request, if it is one.
pub fn addressed_to<'a>(uri: &'a Uri, headers: &'a HeaderMap) -> Option<Cow<'a, str>> {
    let raw = match headers.get(HOST) {
        Some(h) => h.to_str().ok()?,
        None => uri.authority()?.as_str(),
    };
    let raw = raw.trim();
    if !is_host_and_port(raw) {
        return None;
    }
    Some(if raw.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(raw.to_ascii_lowercase())
    } else {
        Cow::Borrowed(raw)
    })
}

fn is_host_and_port(raw: &str) -> bool {
    let (host, port) = if let Some(rest) = raw.strip_prefix('[') {
        let Some((v6, after)) = rest.split_once(']') else {
            return false;
        };
        if v6.parse::<Ipv6Addr>().is_err() {
            return false;
        }
        match after {
            "" => return true,
            p => match p.strip_prefix(':') {
                Some(port) => (None, Some(port)),
                None => return false,
            },
        }
    } else {
        match raw.rsplit_once(':') {
            Some((h, p)) => (Some(h), Some(p)),
            None => (Some(raw), None),
        }
    };
    // Digits only: `parse` also takes `+80`, which no client can put in a URL.
    let port_ok = port.is_none_or(|p| {
        !p.is_empty()
            && p.len() <= 5
            && p.bytes().all(|b| b.is_ascii_digit())
            && p.parse::<u16>().is_ok_and(|n| n > 0)
    });
    port_ok && host.is_none_or(is_host_name)
}

/// A DNS name or a dotted IPv4 address.
fn is_host_name(h: &str) -> bool {
    if h.parse::<Ipv4Addr>().is_ok() {
        return true;
    }
    !h.is_empty()
        && h.len() <= 253
        && h.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn of(host: &str) -> Option<String> {
        let mut headers = HeaderMap::new();
        headers.insert(HOST, HeaderValue::from_str(host).unwrap());
        addressed_to(&Uri::from_static("/"), &headers).map(Cow::into_owned)
    }

    #[test]
    fn a_host_and_port_is_taken_as_written_lowercased() {
        assert_eq!(of("127.0.0.1:8080").as_deref(), Some("127.0.0.1:8080"));
        assert_eq!(of("LocalHost:9").as_deref(), Some("localhost:9"));
        assert_eq!(of("[::1]:8080").as_deref(), Some("[::1]:8080"));
        assert_eq!(
            of("chime.example.com").as_deref(),
            Some("chime.example.com")
        );
        let (uri, none) = (Uri::from_static("http://10.0.0.1:81/x"), HeaderMap::new());
        assert_eq!(addressed_to(&uri, &none).as_deref(), Some("10.0.0.1:81"));
    }

    #[test]
    fn anything_else_is_no_address() {
        for bad in [
            "",
            "host:",
            "host:0",
            "host:+80",
            "host:99999",
            "a/b:80",
            "user@host:80",
            "-bad-.com",
            "a..b",
            "[::1",
            "[nope]:80",
            "host:80:80",
            "ho st",
        ] {
            assert_eq!(of(bad), None, "{bad:?}");
        }
        assert_eq!(
            addressed_to(&Uri::from_static("/"), &HeaderMap::new()),
            None
        );
    }
}
