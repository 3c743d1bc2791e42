//! The CLI's error type and its exit codes, one per kind of failure.

use std::fmt;

use konigle_blocking::Error as SdkError;

/// Exit codes, one per kind of failure (also shown by `konigle --help`).
pub mod code {
    /// A failure that fits no other kind (a failed job, a local I/O error, any other API answer).
    pub const FAILURE: i32 = 1;
    /// Wrong command line: unknown command or option, missing or malformed value.
    pub const USAGE: i32 = 2;
    /// The resource does not exist (404).
    pub const NOT_FOUND: i32 = 3;
    /// The input was rejected, by the SDK before sending or by the API (400).
    pub const VALIDATION: i32 = 4;
    /// The API key is missing, wrong or lacks the permission (401, 403).
    pub const AUTH: i32 = 5;
    /// Too many requests (429), after the SDK's retries.
    pub const RATE_LIMITED: i32 = 6;
    /// The server failed (5xx), after the SDK's retries.
    pub const SERVER: i32 = 7;
    /// No complete answer: connection failure or timeout.
    pub const NETWORK: i32 = 8;
    /// The request conflicts with the current state (409).
    pub const CONFLICT: i32 = 9;
    /// The configuration is missing or invalid (no API key, bad config file or link file).
    pub const CONFIG: i32 = 10;
}

/// The exit codes as `konigle --help` lists them.
pub const EXIT_CODES_HELP: &str = "\
Exit codes:
  0   success
  1   other failure (failed job, local I/O error, unexpected API answer)
  2   usage error (unknown command or option, bad value)
  3   not found (404)
  4   validation error (rejected input, 400)
  5   authentication or permission error (401, 403)
  6   rate limited (429)
  7   server error (5xx)
  8   network error or timeout
  9   conflict (409)
  10  configuration error (no API key, unreadable config or link file)";

/// What went wrong in a command.
#[derive(Debug)]
pub enum CliError {
    /// An error from the SDK.
    Sdk(SdkError),
    /// A bad command line the parser could not catch.
    Usage(String),
    /// Missing or invalid configuration.
    Config(String),
    /// Something looked up by name does not exist.
    NotFound(String),
    /// Any other failure.
    Failed(String),
}

/// The result of a command.
pub type CliResult<T = ()> = Result<T, CliError>;

impl CliError {
    /// A usage error.
    pub fn usage(msg: impl Into<String>) -> Self {
        CliError::Usage(msg.into())
    }
    /// A configuration error.
    pub fn config(msg: impl Into<String>) -> Self {
        CliError::Config(msg.into())
    }
    /// Something looked up by name does not exist.
    pub fn not_found(msg: impl Into<String>) -> Self {
        CliError::NotFound(msg.into())
    }
    /// Any other failure.
    pub fn failed(msg: impl Into<String>) -> Self {
        CliError::Failed(msg.into())
    }

    /// The process exit code for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            CliError::Usage(_) => code::USAGE,
            CliError::Config(_) => code::CONFIG,
            CliError::Failed(_) => code::FAILURE,
            CliError::NotFound(_) => code::NOT_FOUND,
            CliError::Sdk(e) => match e {
                SdkError::Validation(_) | SdkError::InvalidInput { .. } | SdkError::File { .. } => code::VALIDATION,
                SdkError::Authentication(_) | SdkError::Authorization(_) | SdkError::MissingCredentials(_) => {
                    code::AUTH
                }
                SdkError::NotFound(_) => code::NOT_FOUND,
                SdkError::Conflict(_) => code::CONFLICT,
                SdkError::RateLimited(_) => code::RATE_LIMITED,
                SdkError::Server(_) => code::SERVER,
                SdkError::Timeout { .. } | SdkError::Network { .. } => code::NETWORK,
                SdkError::Config(_) => code::CONFIG,
                SdkError::Unsupported(_) => code::USAGE,
                _ => code::FAILURE,
            },
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Usage(m) | CliError::Config(m) | CliError::NotFound(m) | CliError::Failed(m) => f.write_str(m),
            CliError::Sdk(e) => {
                let message = e.to_string();
                write!(f, "{}", message.replace('\n', " "))?;
                if let Some(api) = e.api() {
                    let fields: Vec<String> = api
                        .field_errors()
                        .into_iter()
                        .map(|(field, msgs)| format!("{field}: {}", msgs.join(" ")))
                        .filter(|item| !message.contains(item.as_str()))
                        .collect();
                    if !fields.is_empty() {
                        write!(f, " ({})", fields.join("; ").replace('\n', " "))?;
                    }
                }
                Ok(())
            }
        }
    }
}

impl From<SdkError> for CliError {
    fn from(e: SdkError) -> Self {
        CliError::Sdk(e)
    }
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        CliError::Failed(e.to_string())
    }
}

impl From<serde_json::Error> for CliError {
    fn from(e: serde_json::Error) -> Self {
        CliError::Failed(format!("cannot encode the output: {e}"))
    }
}
