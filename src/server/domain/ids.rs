//! The ARNs and ids the server hands out, and reading an ARN's AppInstance back from it.

/// Fixed account id used in every ARN the server makes.
pub const ACCOUNT: &str = "123456789012";
pub const ARN_PREFIX: &str = "arn:aws:chime:us-east-1:123456789012:";

pub fn new_id() -> String {
    random_uuid().to_string()
}

/// A new id without hyphens (message and callback ids).
pub fn new_simple_id() -> String {
    random_uuid().simple().to_string()
}

/// A version 4 UUID from the thread's cryptographic generator: `Uuid::new_v4` asks the OS
/// for every id, a system call made while the AppInstance is locked.
fn random_uuid() -> uuid::Uuid {
    uuid::Builder::from_random_bytes(rand::random()).into_uuid()
}

/// The AppInstance ARN a user, bot or channel ARN belongs to, from the ARN's own structure:
/// it is the ARN's own prefix.
pub fn app_instance_of(arn: &str) -> Option<&str> {
    const PREFIX: &str = "arn:aws:chime:";
    const KIND: &str = ":app-instance/";
    let rest = arn.strip_prefix(PREFIX)?;
    let idx = rest.find(KIND)?;
    let after = &rest[idx + KIND.len()..];
    let id = after.split('/').next().filter(|s| !s.is_empty())?;
    Some(&arn[..PREFIX.len() + idx + KIND.len() + id.len()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn app_instance_is_read_from_child_arns() {
        let inst = format!("{ARN_PREFIX}app-instance/abc");
        assert_eq!(
            app_instance_of(&format!("{inst}/user/u1")),
            Some(inst.as_str())
        );
        assert_eq!(
            app_instance_of(&format!("{inst}/channel/c")),
            Some(inst.as_str())
        );
        assert_eq!(app_instance_of(&inst), Some(inst.as_str()));
        assert_eq!(
            app_instance_of("arn:aws:chime:us-east-1:1:channel-flow/x"),
            None
        );
        assert_eq!(app_instance_of("nonsense"), None);
    }

    #[test]
    fn ids_are_random_version_4_uuids() {
        let (a, b) = (new_id(), new_simple_id());
        let a = uuid::Uuid::parse_str(&a).unwrap();
        assert_eq!(a.get_version_num(), 4);
        assert_eq!(b.len(), 32);
        assert!(!b.contains('-'));
        assert_ne!(new_simple_id(), b);
    }
}
