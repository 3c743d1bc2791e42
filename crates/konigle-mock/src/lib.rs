//! A stateful stand-in Konigle server, for trying and testing the SDK with
//! no account and no network.
//!
//! `konigle-mock` serves every endpoint the SDK calls, with the same paths,
//! verbs and shapes as the platform, on top of an in-memory state: creates
//! assign ids and timestamps, gets return what was stored, lists filter,
//! order and paginate the stored data (`count`, `next`, `previous` and
//! `num_pages` computed from it), PATCH merges, DELETE makes later gets
//! answer 404, the `Authorization` header is checked, and missing or
//! invalid fields get the platform's 400 field errors. Action endpoints
//! (campaign start/pause/resume/cancel/schedule, LTV, email setup and
//! sending, space deploys, uploads...) move the state along the same
//! transitions. Files uploaded through multipart endpoints are kept and
//! served back from their asset URLs. The website domain (content,
//! backups and restores, design content, the site, see [`website`]) starts
//! seeded with what a site always has: a home folder, a stylesheet, theme
//! JS and a theme.
//!
//! Every resource is one entry of a table ([`resources::RESOURCES`]):
//! its path, id field and style, required, unique and enumerated fields,
//! filters, list shape and the hooks that derive computed fields. One
//! generic collection store ([`store::Store`]) does the rest.
//!
//! For tests, a [`MockServer`] handle can inject faults into the next
//! requests (429 with `Retry-After`, 5xx, delays, dropped connections,
//! truncated bodies, see [`Fault`]) and keeps a log of every request, so a
//! test can prove, for example, that a POST was sent exactly once.
//!
//! # Embedded
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! use konigle_mock::{Fault, MockServer};
//! let server = MockServer::start().await;
//! // Configure a client with `server.base_url()` as both the API and the
//! // forms base URL, and `server.api_key()` as its key.
//! server.inject(Fault::status(503).path_prefix("/admin/api/products"));
//! assert_eq!(server.pending_faults().len(), 1);
//! # }
//! ```
//!
//! Blocking code and plain `#[test]`s use [`MockServer::start_blocking`],
//! which runs the server on a runtime thread of its own. The server stops
//! when its handle is dropped.
//!
//! # Standalone
//!
//! ```text
//! cargo run -p konigle-mock -- --port 8080 [--api-key KEY]
//! ```
//!
//! serves until interrupted; faults and the request log are then driven
//! over HTTP under `/__mock/` (`POST /__mock/faults` with a [`Fault`] as
//! JSON, `GET`/`DELETE /__mock/requests`, `POST /__mock/reset`,
//! `GET`/`POST /__mock/collections/<name>`).
//!
//! # Dependencies
//!
//! axum provides the routing (the route table is built from the resource
//! and action tables) and the tokio integration (extractors for JSON,
//! multipart and query bodies, middleware for auth, faults and the log);
//! hyper serves the connections directly so a fault can drop one. clap
//! parses the command line of the standalone binary.
#![warn(missing_docs)]
#![forbid(unsafe_code)]

pub mod actions;
pub mod faults;
pub mod resources;
mod server;
pub mod store;
pub mod website;

pub use faults::{Fault, FaultKind, RecordedRequest};
pub use resources::collections;
pub use server::{MockServer, MockServerBuilder};
pub use store::ApiError;
