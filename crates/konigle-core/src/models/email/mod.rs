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
