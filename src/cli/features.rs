//! `chime-conformance features generate|check`: the rule-matrix features generated from the
//! service models (`features/generated/`).

use super::generated::{Args, Kind};
use crate::matrix;

pub const KIND: Kind = Kind {
    command: "features",
    default_dir: matrix::DIR,
    count: || matrix::generate_all().len(),
    write: matrix::write_all,
    drift: matrix::drift,
};

pub fn run(args: Args) -> u8 {
    super::generated::run(&KIND, args)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::exit;
    use crate::cli::generated::DirArg;

    #[test]
    fn a_changed_file_is_drift_and_generating_again_repairs_it() {
        let dir = std::env::temp_dir().join(format!(
            "chime-conformance-features-{}",
            uuid::Uuid::new_v4()
        ));
        let arg = || DirArg {
            dir: Some(dir.clone()),
        };
        assert_eq!(run(Args::Check(arg())), exit::USAGE);
        assert_eq!(run(Args::Generate(arg())), exit::OK);
        assert_eq!(run(Args::Check(arg())), exit::OK);
        std::fs::write(dir.join("bearer.feature"), "Feature: edited\n").unwrap();
        std::fs::write(dir.join("old.feature"), "Feature: old\n").unwrap();
        assert_eq!(run(Args::Check(arg())), exit::FAILURE);
        assert_eq!(run(Args::Generate(arg())), exit::OK);
        assert_eq!(run(Args::Check(arg())), exit::OK);
        assert!(!dir.join("old.feature").exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
