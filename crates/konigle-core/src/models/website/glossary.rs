//! Website: glossary.
