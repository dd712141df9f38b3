//! The query string of a request, split into pairs and percent-decoded.

use percent_encoding::percent_decode_str;

/// The query string split into pairs, each half percent-decoded. Pairs whose decoding is not
/// UTF-8 are kept (decoded lossily, so routing still works) and named in `undecodable`.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Query {
    pub pairs: Vec<(String, String)>,
    pub undecodable: Vec<String>,
}

impl Query {
    pub fn parse(raw: Option<&str>) -> Query {
        let mut query = Query::default();
        for part in raw.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            let key = percent_decode_str(k).decode_utf8_lossy().into_owned();
            let value = match percent_decode_str(v).decode_utf8() {
                Ok(v) => v.into_owned(),
                Err(_) => {
                    query.undecodable.push(key.clone());
                    percent_decode_str(v).decode_utf8_lossy().into_owned()
                }
            };
            query.pairs.push((key, value));
        }
        query
    }

    pub(crate) fn values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.pairs
            .iter()
            .filter(move |(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_pairs_are_decoded_and_bad_encodings_named() {
        let q = Query::parse(Some("a=1&b=x%20y&&c&d=%FF"));
        assert_eq!(
            q.pairs,
            [
                ("a".to_owned(), "1".to_owned()),
                ("b".to_owned(), "x y".to_owned()),
                ("c".to_owned(), String::new()),
                ("d".to_owned(), "\u{FFFD}".to_owned()),
            ]
        );
        assert_eq!(q.undecodable, ["d"]);
    }
}
