//! Filters of authors, backups, redirects, components and templates.
