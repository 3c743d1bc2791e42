//! A stateful stand-in Konigle server (work in progress).
#![warn(missing_docs)]
