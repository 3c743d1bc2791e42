//! Website site and design: authors, backups, redirects, components, templates, stylesheets, theme JS and CSS, and the site.
