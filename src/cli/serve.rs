//! `chime-conformance serve`: the reference server, standalone, until Ctrl-C.

use crate::server::{self, ServerConfig};

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
}

pub fn run(args: Args) -> u8 {
    let config = ServerConfig {
        host: args.host,
        port: args.port,
        control: !args.no_control,
        max_body_bytes: args.max_body_bytes,
    };
    let runtime = match tokio::runtime::Runtime::new() {
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
