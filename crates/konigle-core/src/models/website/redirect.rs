//! Website: redirect.
