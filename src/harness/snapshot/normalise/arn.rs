//! ARNs split into their fields and the Chime SDK resource kind they name, so a value is
//! checked as an ARN of the kind its member holds.

/// An ARN split into its fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arn<'a> {
    pub partition: &'a str,
    pub service: &'a str,
    pub region: &'a str,
    pub account: &'a str,
    pub resource: &'a str,
}

impl<'a> Arn<'a> {
    /// `arn:partition:service:region:account:resource`, each field checked.
    pub fn parse(s: &'a str) -> Result<Arn<'a>, String> {
        let parts: Vec<&str> = s.splitn(6, ':').collect();
        let [arn, partition, service, region, account, resource] = parts[..] else {
            return Err("not six colon-separated fields".into());
        };
        let token = |t: &str| {
            t.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        };
        if arn != "arn" {
            return Err("does not start with arn:".into());
        }
        if partition.is_empty() || !token(partition) {
            return Err("bad partition".into());
        }
        if service.is_empty() || !token(service) {
            return Err("bad service".into());
        }
        if !token(region) {
            return Err("bad region".into());
        }
        if !(account.is_empty()
            || account.len() == 12 && account.chars().all(|c| c.is_ascii_digit()))
        {
            return Err("account is not 12 digits".into());
        }
        if resource.is_empty() || resource.chars().any(char::is_whitespace) {
            return Err("bad resource".into());
        }
        Ok(Arn {
            partition,
            service,
            region,
            account,
            resource,
        })
    }

    /// The Chime SDK resource kind: `app-instance`, or `user`, `bot`, `channel`,
    /// `channel-flow` below an app instance. `None` for anything else.
    pub fn chime_kind(&self) -> Option<&'static str> {
        if self.service != "chime" || self.region.is_empty() || self.account.is_empty() {
            return None;
        }
        let segs: Vec<&str> = self.resource.split('/').collect();
        if segs.iter().any(|s| s.is_empty()) {
            return None;
        }
        match segs[..] {
            ["app-instance", _] => Some("app-instance"),
            ["app-instance", _, kind, _] => ["user", "bot", "channel", "channel-flow"]
                .into_iter()
                .find(|k| *k == kind),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const APP: &str = "arn:aws:chime:us-east-1:123456789012:app-instance/a1";
    const CHANNEL: &str = "arn:aws:chime:us-east-1:123456789012:app-instance/a1/channel/c1";
    const USER: &str = "arn:aws:chime:us-east-1:123456789012:app-instance/a1/user/u1";

    #[test]
    fn arns_parse_into_chime_kinds() {
        let kind = |s: &str| Arn::parse(s).unwrap().chime_kind();
        assert_eq!(kind(APP), Some("app-instance"));
        assert_eq!(kind(USER), Some("user"));
        assert_eq!(kind(CHANNEL), Some("channel"));
        assert_eq!(
            kind("arn:aws:chime:us-east-1:123456789012:app-instance/a/channel-flow/f"),
            Some("channel-flow")
        );
        assert_eq!(
            kind("arn:aws:chime:us-east-1:123456789012:app-instance/a/bot/b"),
            Some("bot")
        );
        assert_eq!(
            kind("arn:aws:lambda:us-east-1:123456789012:function:f"),
            None
        );
        assert_eq!(
            kind("arn:aws:chime:us-east-1:123456789012:app-instance/a/pet/p"),
            None
        );
        assert_eq!(
            kind("arn:aws:chime:us-east-1:123456789012:app-instance//user/u"),
            None
        );
        assert!(Arn::parse("arn:aws:chime:us-east-1:123456789012:app instance").is_err());
    }
}
