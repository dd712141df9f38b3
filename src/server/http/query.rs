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

    pub(crate) fn values<'a, 'n>(
        &'a self,
        name: &'n str,
    ) -> impl Iterator<Item = &'a str> + use<'a, 'n> {
        self.pairs
            .iter()
            .filter(move |(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The value of the parameter `name` when it is given once; a message saying what is wrong
    /// when it is given twice or its value is not percent-encoded UTF-8. Other parameters are
    /// not looked at.
    pub fn single(&self, name: &str) -> Result<Option<&str>, String> {
        if self.undecodable.iter().any(|k| k == name) {
            return Err(format!(
                "the query parameter {name} is not valid percent-encoded UTF-8"
            ));
        }
        let mut values = self.values(name);
        match (values.next(), values.next()) {
            (_, Some(_)) => Err(format!(
                "the query parameter {name} is given more than once"
            )),
            (value, None) => Ok(value),
        }
    }

    /// Like [`Query::single`], for a parameter that must be given and not empty.
    pub fn required(&self, name: &str) -> Result<&str, String> {
        self.single(name)?
            .filter(|v| !v.is_empty())
            .ok_or_else(|| format!("the query parameter {name} is required"))
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

    #[test]
    fn single_and_required_parameters() {
        let q = Query::parse(Some("a=1&a=2&b=&c=x&d=%FF"));
        assert_eq!(q.single("c"), Ok(Some("x")));
        assert_eq!(q.single("missing"), Ok(None));
        assert!(q.single("a").unwrap_err().contains("more than once"));
        assert!(q.single("d").unwrap_err().contains("percent-encoded"));
        assert_eq!(q.required("c"), Ok("x"));
        assert!(q.required("b").unwrap_err().contains("is required"));
        assert!(q.required("missing").unwrap_err().contains("is required"));
    }
}
