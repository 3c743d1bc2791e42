//! Website: backup.
