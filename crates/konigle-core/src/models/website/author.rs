//! Website: author.
