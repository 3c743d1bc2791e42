//! Website: site.
