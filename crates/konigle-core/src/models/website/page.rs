//! Website: page.
