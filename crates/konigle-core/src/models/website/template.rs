//! Website: template.
