//! Markers of authors, backups, redirects, components and templates. The
//! stylesheet, theme JS, themes and the site itself have singleton managers
//! without a collection.

spec!(
    /// Content authors (`client.authors()`).
    Authors: crate::models::Author, crate::filters::AuthorFilters,
    create = crate::models::AuthorCreate, update = crate::models::AuthorUpdate, delete = true
);
spec!(
    /// Backups (`client.backups()`); restored with `restore`, never edited.
    Backups: crate::models::Backup, crate::filters::BackupFilters,
    create = crate::models::BackupCreate, delete = true
);
spec!(
    /// Redirects (`client.redirects()`).
    Redirects: crate::models::Redirect, crate::filters::RedirectFilters,
    create = crate::models::RedirectCreate, update = crate::models::RedirectUpdate, delete = true
);
spec!(
    /// Components (`client.components()`).
    Components: crate::models::Component, crate::filters::ComponentFilters,
    create = crate::models::ComponentCreate, update = crate::models::ComponentUpdate, delete = true
);
spec!(
    /// Site templates (`client.templates()`).
    Templates: crate::models::Template, crate::filters::TemplateFilters,
    create = crate::models::TemplateCreate, update = crate::models::TemplateUpdate, delete = true
);
