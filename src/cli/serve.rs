//! `chime-conformance serve`: the reference server, standalone, until Ctrl-C.

use crate::server::faults::{Fault, FaultSet};
use crate::server::tls::Tls;
use crate::server::{self, ServerConfig};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,
    /// The port to listen on; 0 picks a free one (the URL printed says which).
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// Leave out the test-control endpoints (`/_conformance/v1/...`), as a real service would.
    #[arg(long)]
    pub no_control: bool,
    /// Request bodies larger than this many bytes are refused with a BadRequestException.
    #[arg(long, value_name = "N", default_value_t = ServerConfig::DEFAULT_MAX_BODY_BYTES)]
    pub max_body_bytes: usize,
    /// Answer a request whose body has not fully arrived after this many seconds with a
    /// BadRequestException.
    #[arg(long, value_name = "SECS", default_value_t = ServerConfig::DEFAULT_BODY_TIMEOUT.as_secs(),
          value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub body_timeout: u64,
    /// Close a connection whose request line and headers have not fully arrived after this many
    /// seconds (counted from the connection's start or the request's first byte).
    #[arg(long, value_name = "SECS", default_value_t = ServerConfig::DEFAULT_HEADER_TIMEOUT.as_secs(),
          value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub header_timeout: u64,
    /// Close a kept-alive connection that has carried nothing for this many seconds since its
    /// last answer.
    #[arg(long, value_name = "SECS", default_value_t = ServerConfig::DEFAULT_IDLE_TIMEOUT.as_secs(),
          value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub idle_timeout: u64,
    /// Serve at most this many connections at once; further clients wait in the listen backlog
    /// until a connection closes.
    #[arg(long, value_name = "N", default_value_t = ServerConfig::DEFAULT_MAX_CONNECTIONS,
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=1_000_000))]
    pub max_connections: usize,
    /// Answer requests on this many threads. The default, half the machine's cores, leaves the
    /// rest to a load generator on the same machine; a load from elsewhere may want them all.
    #[arg(long, value_name = "N", default_value_t = server::default_threads(),
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=1024))]
    pub threads: usize,
    /// Throttle message writes over the service's quotas (30 a second per channel, 10 per
    /// bearer) with ThrottledClientException, to test a client's retries. Off by default.
    #[arg(long)]
    pub quotas: bool,
    /// Serve HTTPS (HTTP/1.1 over TLS) with this PEM certificate chain, the server's own
    /// certificate first; needs --tls-key. The URL printed starts with https://.
    #[arg(long, value_name = "FILE", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// The PEM private key (PKCS#8, PKCS#1 or SEC1) of the --tls-cert certificate.
    #[arg(long, value_name = "FILE", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
    /// Serve with a deliberate deviation turned on (repeatable); see --list-faults.
    #[arg(long = "fault", value_name = "NAME")]
    pub faults: Vec<String>,
    /// List the faults --fault can turn on, with the behaviours each breaks, and exit.
    #[arg(long)]
    pub list_faults: bool,
}

/// One line per fault: name, the catalogue entries it breaks, what it does.
pub fn fault_list() -> String {
    let width = Fault::ALL.iter().map(|f| f.name().len()).max().unwrap_or(0);
    Fault::ALL
        .iter()
        .map(|f| {
            format!(
                "{:width$}  {}: {}\n",
                f.name(),
                f.behaviours().join(", "),
                f.description()
            )
        })
        .collect()
}

pub fn run(args: Args) -> u8 {
    if args.list_faults {
        print!("{}", fault_list());
        return super::exit::OK;
    }
    let faults = match FaultSet::from_names(&args.faults) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: serve: --fault: {e}");
            return super::exit::USAGE;
        }
    };
    // clap lets through both or neither.
    let tls = match (&args.tls_cert, &args.tls_key) {
        (Some(cert), Some(key)) => match Tls::from_pem_files(cert, key) {
            Ok(tls) => Some(tls),
            Err(e) => {
                eprintln!("error: serve: {e}");
                return super::exit::USAGE;
            }
        },
        _ => None,
    };
    if !faults.is_empty() {
        eprintln!("warning: serve: deliberately faulty server: {faults}");
    }
    let config = ServerConfig {
        host: args.host,
        port: args.port,
        control: !args.no_control,
        max_body_bytes: args.max_body_bytes,
        body_timeout: std::time::Duration::from_secs(args.body_timeout),
        faults,
        quotas: args.quotas,
        header_timeout: std::time::Duration::from_secs(args.header_timeout),
        idle_timeout: std::time::Duration::from_secs(args.idle_timeout),
        max_connections: args.max_connections,
        tls,
    };
    if let Err(e) = server::memory::no_transparent_huge_pages() {
        eprintln!("warning: serve: transparent huge pages stay on (they lengthen the tail): {e}");
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(args.threads)
        .enable_all()
        .build();
    let runtime = match runtime {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: serve: cannot start the async runtime: {e}");
            return super::exit::USAGE;
        }
    };
    let served = runtime.block_on(server::serve(
        config,
        |url| println!("listening on {url}"),
        async {
            if let Err(e) = tokio::signal::ctrl_c().await {
                // Without a signal to wait for, serve until the process is killed.
                eprintln!("warning: serve: cannot wait for Ctrl-C: {e}");
                std::future::pending::<()>().await;
            }
        },
    ));
    match served {
        Ok(()) => super::exit::OK,
        Err(e) => {
            eprintln!("error: serve: {e}");
            super::exit::USAGE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Debug, Parser)]
    struct ServeOnly {
        #[command(flatten)]
        args: Args,
    }

    fn parse(args: &[&str]) -> Result<Args, clap::Error> {
        ServeOnly::try_parse_from(std::iter::once("serve").chain(args.iter().copied()))
            .map(|s| s.args)
    }

    #[test]
    fn threads_default_to_half_the_cores_and_take_a_count_from_1() {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let default = parse(&[]).expect("no flags parse").threads;
        assert_eq!(default, (cores / 2).max(1));
        assert_eq!(parse(&["--threads", "3"]).expect("a count").threads, 3);
        for bad in ["0", "many", "1025"] {
            let e = parse(&["--threads", bad]).expect_err(bad).to_string();
            assert!(e.contains("--threads <N>"), "{bad}: {e}");
        }
    }
}
