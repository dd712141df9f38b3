//! `chime-conformance schemas generate|check`: the JSON Schemas derived from the service models.

use super::generated::{Args, Kind};
use crate::schema;

pub const KIND: Kind = Kind {
    command: "schemas",
    default_dir: "schemas",
    count: || schema::generate_all().len(),
    write: schema::write_all,
    drift: schema::drift,
};

pub fn run(args: Args) -> u8 {
    super::generated::run(&KIND, args)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::exit;
    use crate::cli::generated::DirArg;
    use clap::Parser;
    use std::path::PathBuf;

    #[derive(Debug, Parser)]
    struct Cli {
        #[command(subcommand)]
        args: Args,
    }

    fn temp_dir() -> PathBuf {
        std::env::temp_dir().join(format!("chime-conformance-cli-{}", uuid::Uuid::new_v4()))
    }

    #[test]
    fn the_dir_is_optional() {
        let cli = Cli::try_parse_from(["x", "check"]).unwrap();
        let Args::Check(DirArg { dir }) = cli.args else {
            panic!("check parsed as {:?}", cli.args)
        };
        assert_eq!(dir, None);
    }

    #[test]
    fn exit_codes_follow_drift_and_io_errors() {
        let dir = temp_dir();
        let arg = || DirArg {
            dir: Some(dir.clone()),
        };
        // A directory that does not exist cannot be compared.
        assert_eq!(run(Args::Check(arg())), exit::USAGE);
        assert_eq!(run(Args::Generate(arg())), exit::OK);
        assert_eq!(run(Args::Check(arg())), exit::OK);
        std::fs::write(dir.join("messaging/DescribeChannel.response.json"), "{}\n").unwrap();
        assert_eq!(run(Args::Check(arg())), exit::FAILURE);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
