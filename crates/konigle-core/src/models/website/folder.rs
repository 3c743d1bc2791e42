//! Website: folder.
