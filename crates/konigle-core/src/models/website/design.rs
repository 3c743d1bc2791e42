//! Website: design.
