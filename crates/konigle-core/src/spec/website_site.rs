//! Markers of authors, backups, redirects, components, templates, the theme and the site.
