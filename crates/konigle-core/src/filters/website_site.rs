//! Filters of authors, backups, redirects, components and templates, and the
//! site's URL search.

use serde::Serialize;

use crate::error::Result;
use crate::models::{BackupKind, BackupStatus, BackupType, SiteContentType};
use crate::query::Query;

crate::string_enum! {
    /// Sort orders of `authors().list`; a `Desc` variant sorts in reverse.
    pub enum AuthorOrdering {
        /// By name.
        Name = "name",
        /// By name, reversed.
        NameDesc = "-name",
        /// By handle.
        Handle = "handle",
        /// By handle, reversed.
        HandleDesc = "-handle",
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
    /// Sort orders of `components().list`.
    pub enum ComponentOrdering {
        /// By name.
        Name = "name",
        /// By name, reversed.
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

crate::string_enum! {
    /// Sort orders of `templates().list`.
    pub enum TemplateOrdering {
        /// By name.
        Name = "name",
        /// By name, reversed.
        NameDesc = "-name",
        /// By handle.
        Handle = "handle",
        /// By handle, reversed.
        HandleDesc = "-handle",
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
    /// Sort orders of `backups().list`.
    pub enum BackupOrdering {
        /// Oldest first.
        CreatedAt = "created_at",
        /// Newest first.
        CreatedAtDesc = "-created_at",
    }
}

crate::string_enum! {
    /// Sort orders of `redirects().list`.
    pub enum RedirectOrdering {
        /// By source path.
        Path = "path",
        /// By source path, reversed.
        PathDesc = "-path",
        /// By target.
        Target = "target",
        /// By target, reversed.
        TargetDesc = "-target",
    }
}

/// Filters of `authors().list`.
///
/// ```
/// use konigle_core::filters::{AuthorFilters, AuthorOrdering, Filters};
/// let f = AuthorFilters::builder().q("jane").ordering(AuthorOrdering::CreatedAtDesc).build();
/// assert_eq!(f.to_query().unwrap().encode(), "q=jane&ordering=-created_at");
/// assert_eq!(AuthorFilters::default(), AuthorFilters::builder().build());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct AuthorFilters {
    /// Matches name and handle.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    /// Exact handle.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub handle: Option<String>,
    /// Sort order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ordering: Option<AuthorOrdering>,
}

/// Filters of `components().list`.
///
/// ```
/// use konigle_core::filters::{ComponentFilters, Filters};
/// let f = ComponentFilters::builder().kind("fluid,widget").build();
/// assert_eq!(f.to_query().unwrap().encode(), "type=fluid%2Cwidget");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct ComponentFilters {
    /// Matches name and description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    /// Component type (`fluid`, `dynamic`, `widget`); several joined with commas.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Sort order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ordering: Option<ComponentOrdering>,
}

/// Filters of `templates().list`.
///
/// ```
/// use konigle_core::filters::{Filters, TemplateFilters};
/// let f = TemplateFilters::builder().is_base(true).build();
/// assert_eq!(f.to_query().unwrap().encode(), "is_base=true");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct TemplateFilters {
    /// Matches name and handle.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    /// Exact handle.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub handle: Option<String>,
    /// Base templates only (`true`) or non-base templates only (`false`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_base: Option<bool>,
    /// Id of the base template.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base: Option<String>,
    /// Sort order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ordering: Option<TemplateOrdering>,
}

/// Filters of `backups().list`.
///
/// ```
/// use konigle_core::filters::{BackupFilters, Filters};
/// use konigle_core::models::BackupKind;
/// let f = BackupFilters::builder().kind(BackupKind::Durable).target_id("pg_1").build();
/// assert_eq!(f.to_query().unwrap().encode(), "kind=durable&target_id=pg_1");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct BackupFilters {
    /// Transient or durable backups.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<BackupKind>,
    /// What was backed up.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backup_type: Option<BackupType>,
    /// Id of the backed-up resource.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_id: Option<String>,
    /// Backup status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<BackupStatus>,
    /// Sort order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ordering: Option<BackupOrdering>,
}

/// Filters of `redirects().list`.
///
/// ```
/// use konigle_core::filters::{Filters, RedirectFilters, RedirectOrdering};
/// let f = RedirectFilters::builder().path("/old").ordering(RedirectOrdering::PathDesc).build();
/// assert_eq!(f.to_query().unwrap().encode(), "path=%2Fold&ordering=-path");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct RedirectFilters {
    /// Matches path and target.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    /// Exact source path.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Exact target.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// Sort order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ordering: Option<RedirectOrdering>,
}

crate::serde_filters!(
    AuthorFilters[ordering],
    ComponentFilters[ordering],
    TemplateFilters[ordering],
    BackupFilters[kind, backup_type, status, ordering],
    RedirectFilters[ordering],
);

/// A search of the site's URLs (`website().search_urls`).
///
/// Empty `types`, a `limit` of 0 and an empty `path` are not sent.
///
/// ```
/// use konigle_core::filters::UrlSearch;
/// use konigle_core::models::SiteContentType;
/// let s = UrlSearch::builder()
///     .query("soil")
///     .types(vec![SiteContentType::Page, SiteContentType::Blog])
///     .limit(5)
///     .path("/guides")
///     .build();
/// assert_eq!(s.to_query().unwrap().encode(), "q=soil&types=page%2Cblog&limit=5&path=%2Fguides");
/// ```
#[derive(Debug, Clone, PartialEq, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct UrlSearch {
    /// The text to search for (required).
    pub query: String,
    /// Content types to search; all when empty.
    #[builder(default)]
    pub types: Vec<SiteContentType>,
    /// Most results to return.
    pub limit: Option<u32>,
    /// Search only under this path.
    pub path: Option<String>,
}

impl UrlSearch {
    /// The query parameters: `q`, then `types` (comma-joined), `limit`, `path`.
    ///
    /// # Errors
    /// [`Error::InvalidInput`](crate::Error::InvalidInput) for a content type
    /// outside the known set.
    pub fn to_query(&self) -> Result<Query> {
        let mut q = Query::default();
        q.push("q", &self.query);
        if !self.types.is_empty() {
            for t in &self.types {
                t.ensure_known("types")?;
            }
            let joined: Vec<&str> = self.types.iter().map(|t| t.as_str()).collect();
            q.push("types", joined.join(","));
        }
        if let Some(limit) = self.limit.filter(|l| *l > 0) {
            q.push("limit", limit);
        }
        if let Some(path) = self.path.as_deref().filter(|p| !p.is_empty()) {
            q.push("path", path);
        }
        Ok(q)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filters::Filters;

    #[test]
    fn backup_filters_in_reference_order() {
        let f = BackupFilters::builder()
            .ordering(BackupOrdering::CreatedAt)
            .status(BackupStatus::InProgress)
            .backup_type(BackupType::SiteFoundation)
            .kind(BackupKind::Transient)
            .build();
        assert_eq!(
            f.to_query().unwrap().encode(),
            "kind=transient&backup_type=site_foundation&status=in_progress&ordering=created_at"
        );
        let bad = BackupFilters::builder().kind(BackupKind::Other("forever".into())).build();
        assert!(bad.to_query().is_err());
        assert_eq!(BackupFilters::default(), BackupFilters::builder().build());
    }

    #[test]
    fn url_search_skips_falsy_values() {
        let s = UrlSearch::builder().query("x").limit(0).path("").build();
        assert_eq!(s.to_query().unwrap().encode(), "q=x");
        let bad = UrlSearch::builder().query("x").types(vec![SiteContentType::Other("video".into())]).build();
        assert!(bad.to_query().is_err());
    }
}
