//! `konigle-mock`: a stand-in Konigle server on the command line.
//!
//! clap parses the options; the server itself is the library's
//! [`MockServer`](konigle_mock::MockServer) (axum on tokio).

use std::net::IpAddr;
use std::process::ExitCode;

use clap::Parser;
use konigle_mock::MockServer;

/// A stateful stand-in Konigle server: every endpoint the SDK calls, an
/// in-memory state, and fault injection under /__mock/.
#[derive(Debug, Parser)]
#[command(name = "konigle-mock", version)]
struct Cli {
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// API key to accept (`Authorization: Token <key>`).
    #[arg(long, default_value = MockServer::DEFAULT_API_KEY)]
    api_key: String,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    host: IpAddr,
}

/// The shell lines that configure a client for `server`: the API key, the
/// API base URL and the forms base URL (the mock serves both).
fn exports(server: &MockServer) -> [String; 3] {
    [
        format!("export KONIGLE_API_KEY={}", server.api_key()),
        format!("export KONIGLE_BASE_URL={}", server.base_url()),
        format!("export KONIGLE_FORMS_BASE_URL={}", server.base_url()),
    ]
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let server = match MockServer::builder().host(cli.host).port(cli.port).api_key(cli.api_key).start().await {
        Ok(server) => server,
        Err(e) => {
            eprintln!("konigle-mock: cannot listen on {}:{}: {e}", cli.host, cli.port);
            return ExitCode::FAILURE;
        }
    };
    println!("konigle-mock listening on {}", server.base_url());
    println!("Point the SDK at it (Config::from_env reads these):");
    for line in exports(&server) {
        println!("  {line}");
    }
    println!("The forms service's access token ({}) is handed out by", server.forms_token());
    println!("GET /relay/api/v1/connections/get-credentials?provider=konigle_forms; nothing to export for it.");
    println!("Press Ctrl-C to stop.");
    if let Err(e) = tokio::signal::ctrl_c().await {
        eprintln!("konigle-mock: cannot wait for Ctrl-C: {e}");
        return ExitCode::FAILURE;
    }
    println!("konigle-mock: stopped");
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn exports_name_every_variable_a_client_needs() {
        let server = MockServer::start().await;
        let base = server.base_url().to_owned();
        assert_eq!(
            exports(&server),
            [
                "export KONIGLE_API_KEY=mock-key".to_owned(),
                format!("export KONIGLE_BASE_URL={base}"),
                format!("export KONIGLE_FORMS_BASE_URL={base}"),
            ]
        );
    }
}
