//! Email: accounts, channels, sending identities, templates, and the
//! payload of a sent email.
//!
//! A website has one email account; its channels separate email flows
//! (transactional, marketing, broadcast), its identities are the domains and
//! addresses verified for sending, and its templates hold reusable content.
//! [`Email`] is what `emails().send` sends.

mod account;
mod channel;
mod identity;
mod send;
mod template;

pub use account::*;
pub use channel::*;
pub use identity::*;
pub use send::*;
pub use template::*;

use crate::error::Result;

/// Checks an optional email address when it is set.
pub(crate) fn check_email_opt(field: &str, value: Option<&str>) -> Result<()> {
    match value {
        Some(v) => crate::validate::email(field, v),
        None => Ok(()),
    }
}
