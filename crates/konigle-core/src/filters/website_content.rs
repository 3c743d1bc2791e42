//! Filters of folders, pages, blog posts and glossary terms.

use serde::Serialize;

use crate::models::{FolderType, PageType};

crate::string_enum! {
    /// Sort order of folders.
    pub enum FolderOrdering {
        /// By name.
        Name = "name",
        /// By name, descending.
        NameDesc = "-name",
        /// By position.
        Position = "position",
        /// By position, descending.
        PositionDesc = "-position",
    }
}

crate::string_enum! {
    /// Sort order of pages.
    pub enum PageOrdering {
        /// By title.
        Title = "title",
        /// By title, descending.
        TitleDesc = "-title",
        /// Oldest first.
        CreatedAt = "created_at",
        /// Newest first.
        CreatedAtDesc = "-created_at",
        /// Least recently updated first.
        UpdatedAt = "updated_at",
        /// Most recently updated first.
        UpdatedAtDesc = "-updated_at",
    }
}

crate::string_enum! {
    /// Sort order of blog posts.
    pub enum BlogOrdering {
        /// By title.
        Title = "title",
        /// By title, descending.
        TitleDesc = "-title",
        /// Oldest first.
        CreatedAt = "created_at",
        /// Newest first.
        CreatedAtDesc = "-created_at",
        /// Least recently updated first.
        UpdatedAt = "updated_at",
        /// Most recently updated first.
        UpdatedAtDesc = "-updated_at",
        /// Earliest published first.
        PublishedAt = "published_at",
        /// Latest published first.
        PublishedAtDesc = "-published_at",
    }
}

crate::string_enum! {
    /// Sort order of glossary terms.
    pub enum GlossaryTermOrdering {
        /// By title.
        Title = "title",
        /// By title, descending.
        TitleDesc = "-title",
        /// By name.
        Name = "name",
        /// By name, descending.
        NameDesc = "-name",
        /// Oldest first.
        CreatedAt = "created_at",
        /// Newest first.
        CreatedAtDesc = "-created_at",
        /// Least recently updated first.
        UpdatedAt = "updated_at",
        /// Most recently updated first.
        UpdatedAtDesc = "-updated_at",
    }
}

/// Filters of `folders().list`.
///
/// ```
/// use konigle_core::filters::{Filters, FolderFilters, FolderOrdering};
/// use konigle_core::models::FolderType;
/// let f = FolderFilters::builder()
///     .folder_type(FolderType::Blog)
///     .is_original_version(false)
///     .ordering(FolderOrdering::PositionDesc)
///     .build();
/// assert_eq!(f.to_query().unwrap().encode(), "folder_type=blog&is_original_version=false&ordering=-position");
/// assert_eq!(FolderFilters::default(), FolderFilters::builder().build());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct FolderFilters {
    /// Matches name and handle.
    pub q: Option<String>,
    /// Folder type.
    pub folder_type: Option<FolderType>,
    /// Id of the parent folder.
    pub parent: Option<String>,
    /// Original versions only (`true`) or other versions only (`false`).
    pub is_original_version: Option<bool>,
    /// Sort order.
    pub ordering: Option<FolderOrdering>,
}

crate::serde_filters!(FolderFilters[ordering]);

/// Filters of `pages().list`.
///
/// ```
/// use konigle_core::filters::{Filters, PageFilters, PageOrdering};
/// use konigle_core::models::PageType;
/// let f = PageFilters::builder().page_type(PageType::Faq).published(true).ordering(PageOrdering::Title).build();
/// assert_eq!(f.to_query().unwrap().encode(), "page_type=faq&published=true&ordering=title");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct PageFilters {
    /// Matches title and name.
    pub q: Option<String>,
    /// Page type.
    pub page_type: Option<PageType>,
    /// Folder id.
    pub folder: Option<String>,
    /// Published (`true`) or unpublished (`false`) pages.
    pub published: Option<bool>,
    /// Handle.
    pub handle: Option<String>,
    /// Sort order.
    pub ordering: Option<PageOrdering>,
}

crate::serde_filters!(PageFilters[ordering]);

/// Filters of `blogs().list`.
///
/// ```
/// use konigle_core::filters::{BlogFilters, BlogOrdering, Filters};
/// let f = BlogFilters::builder().folder("fd_1").published(true).ordering(BlogOrdering::PublishedAtDesc).build();
/// assert_eq!(f.to_query().unwrap().encode(), "folder=fd_1&published=true&ordering=-published_at");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct BlogFilters {
    /// Matches title and name.
    pub q: Option<String>,
    /// Folder id.
    pub folder: Option<String>,
    /// Published (`true`) or unpublished (`false`) posts.
    pub published: Option<bool>,
    /// Handle.
    pub handle: Option<String>,
    /// Sort order.
    pub ordering: Option<BlogOrdering>,
}

crate::serde_filters!(BlogFilters[ordering]);

/// Filters of `glossary_terms().list`.
///
/// ```
/// use konigle_core::filters::{Filters, GlossaryTermFilters, GlossaryTermOrdering};
/// let f = GlossaryTermFilters::builder().q("mul").ordering(GlossaryTermOrdering::NameDesc).build();
/// assert_eq!(f.to_query().unwrap().encode(), "q=mul&ordering=-name");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct GlossaryTermFilters {
    /// Matches title and name.
    pub q: Option<String>,
    /// Published (`true`) or unpublished (`false`) terms.
    pub published: Option<bool>,
    /// Sort order.
    pub ordering: Option<GlossaryTermOrdering>,
}

crate::serde_filters!(GlossaryTermFilters[ordering]);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filters::Filters;

    #[test]
    fn query_pairs_follow_the_reference_order() {
        let f = FolderFilters::builder()
            .q("g")
            .folder_type(FolderType::Pages)
            .parent("fd_home")
            .is_original_version(true)
            .ordering(FolderOrdering::Name)
            .build();
        assert_eq!(
            f.to_query().unwrap().encode(),
            "q=g&folder_type=pages&parent=fd_home&is_original_version=true&ordering=name"
        );
        let f = PageFilters::builder()
            .q("about")
            .page_type(PageType::About)
            .folder("fd_home")
            .published(false)
            .handle("about")
            .ordering(PageOrdering::UpdatedAtDesc)
            .build();
        assert_eq!(
            f.to_query().unwrap().encode(),
            "q=about&page_type=about&folder=fd_home&published=false&handle=about&ordering=-updated_at"
        );
        assert_eq!(BlogFilters::default(), BlogFilters::builder().build());
        assert_eq!(GlossaryTermFilters::default().to_query().unwrap().encode(), "");
    }

    #[test]
    fn unknown_orderings_are_refused() {
        let f = FolderFilters::builder().ordering(FolderOrdering::from("created_at")).build();
        assert!(matches!(f.to_query(), Err(crate::Error::InvalidInput { field: Some(n), .. }) if n == "ordering"));
        assert!(PageFilters::builder().ordering(PageOrdering::from("slug")).build().to_query().is_err());
        assert!(BlogFilters::builder().ordering(BlogOrdering::from("x")).build().to_query().is_err());
        assert!(GlossaryTermFilters::builder().ordering(GlossaryTermOrdering::from("x")).build().to_query().is_err());
    }
}
