//! Markers of folders, pages, blog posts and glossary terms.

use crate::models::PublishableResource;
use crate::spec::Spec;

/// A collection whose resources are published, unpublished, renamed
/// (`change_handle`) and rendered for crawlers through actions: folders,
/// pages, blog posts and glossary terms. The managers' publishing actions
/// are written once for every collection with this marker.
pub trait Publishable: Spec<Model: PublishableResource> {}

crate::spec!(
    /// Folders (`client.folders()`).
    Folders: crate::models::Folder, crate::filters::FolderFilters,
    create = crate::models::FolderCreate, update = crate::models::FolderUpdate, delete = true
);
crate::spec!(
    /// Pages (`client.pages()`).
    Pages: crate::models::Page, crate::filters::PageFilters,
    create = crate::models::PageCreate, update = crate::models::PageUpdate, delete = true
);
crate::spec!(
    /// Blog posts (`client.blogs()`).
    Blogs: crate::models::Blog, crate::filters::BlogFilters,
    create = crate::models::BlogCreate, update = crate::models::BlogUpdate, delete = true
);
crate::spec!(
    /// Glossary terms (`client.glossary_terms()`).
    GlossaryTerms: crate::models::GlossaryTerm, crate::filters::GlossaryTermFilters,
    create = crate::models::GlossaryTermCreate, update = crate::models::GlossaryTermUpdate, delete = true
);

impl Publishable for Folders {}
impl Publishable for Pages {}
impl Publishable for Blogs {}
impl Publishable for GlossaryTerms {}
