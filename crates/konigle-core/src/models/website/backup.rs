//! Backups of website resources: the model, its kinds and states, and the
//! creation payload.

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::models::commerce::null_as_default;
use crate::models::payload::{check_opt_max_len, Payload};
use crate::request::Body;
use crate::resource::Resource;
use crate::{JsonMap, Timestamp};

/// Longest target id.
const TARGET_ID_MAX: usize = 64;
/// Longest description.
const DESCRIPTION_MAX: usize = 255;

crate::string_enum! {
    /// What a backup holds.
    pub enum BackupType {
        /// A page.
        Page = "page",
        /// A folder.
        Folder = "folder",
        /// A blog post.
        Blog = "blog",
        /// A product.
        Product = "product",
        /// A site template.
        SiteTemplate = "site_template",
        /// The site's foundation (theme, design, settings).
        SiteFoundation = "site_foundation",
    }
}

crate::string_enum! {
    /// Progress of a backup.
    pub enum BackupStatus {
        /// Being written.
        InProgress = "in_progress",
        /// Written and restorable.
        Completed = "completed",
        /// Failed; see `error_message`.
        Failed = "failed",
    }
}

crate::string_enum! {
    /// What started a backup.
    pub enum BackupTrigger {
        /// A user asked for it.
        Manual = "manual",
        /// Taken automatically before an edit.
        AutoPreEdit = "auto_pre_edit",
        /// Taken automatically before publishing.
        AutoPrePublish = "auto_pre_publish",
        /// A schedule.
        Scheduled = "scheduled",
        /// Taken automatically.
        Auto = "auto",
    }
}

crate::string_enum! {
    /// How long a backup is meant to be kept.
    pub enum BackupKind {
        /// Taken during an editing session and normally restored in it.
        Transient = "transient",
        /// Kept for the long term, restorable weeks or months later.
        Durable = "durable",
    }
}

/// A backup of a page, folder, blog post, product, template or of the whole
/// site's foundation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Backup {
    /// Unique identifier.
    pub id: String,
    /// Creation time.
    pub created_at: Timestamp,
    /// Transient or durable.
    pub kind: BackupKind,
    /// Id of the site.
    pub site: String,
    /// What was backed up.
    pub backup_type: BackupType,
    /// Id of the backed-up resource; `None` for site-level backups.
    #[serde(default)]
    pub target_id: Option<String>,
    /// Readable description of the target (page name, path…).
    #[serde(default, deserialize_with = "null_as_default")]
    pub target_description: String,
    /// Description given when the backup was taken.
    #[serde(default, deserialize_with = "null_as_default")]
    pub description: String,
    /// Size of the backup file, once written.
    #[serde(default)]
    pub file_size_bytes: Option<u64>,
    /// Progress.
    pub status: BackupStatus,
    /// What started it.
    pub trigger: BackupTrigger,
    /// Why it failed, when it did.
    #[serde(default, deserialize_with = "null_as_default")]
    pub error_message: String,
    /// Details for display, search and restoring.
    #[serde(default, deserialize_with = "null_as_default")]
    pub metadata: JsonMap,
}

impl std::fmt::Display for Backup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Backup(id={}, type={}, status={})", self.id, self.backup_type, self.status)
    }
}

impl Resource for Backup {
    const PATH: &'static str = "/backup/api/v1/backups";
    const NAME: &'static str = "Backup";

    fn resource_id(&self) -> &str {
        &self.id
    }
}

/// Payload of `backups().create`.
///
/// The description is sent as `""` unless set (assign `None` to it after
/// `build()` to leave it out of the request); without a target id the
/// backup is site-level (e.g. `site_foundation`).
///
/// ```
/// use konigle_core::models::{BackupCreate, BackupTrigger, BackupType};
/// let before = BackupCreate::builder()
///     .backup_type(BackupType::Page)
///     .trigger(BackupTrigger::Manual)
///     .target_id("pg_1")
///     .description("before redesign")
///     .build();
/// # let _ = before;
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct BackupCreate {
    /// What to back up (required).
    pub backup_type: BackupType,
    /// Id of the resource (at most 64 characters); `None` for site-level backups.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_id: Option<String>,
    /// Why the backup is taken (at most 255 characters; `""` by default).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(required, default = Some(String::new()), with = |v: impl Into<String>| Some(v.into()))]
    pub description: Option<String>,
    /// What starts it (required).
    pub trigger: BackupTrigger,
}

impl Payload for BackupCreate {
    fn into_body(self) -> Result<Body> {
        self.backup_type.ensure_known("backup_type")?;
        self.trigger.ensure_known("trigger")?;
        check_opt_max_len("target_id", self.target_id.as_deref(), TARGET_ID_MAX)?;
        check_opt_max_len("description", self.description.as_deref(), DESCRIPTION_MAX)?;
        Body::json(&self)
    }
}

/// The answer of `backups().restore`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BackupRestored {
    /// The restoration status, e.g. `restored`.
    #[serde(default)]
    pub status: String,
    /// Id of the restored backup, when the API says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backup_id: Option<String>,
    /// Any other detail the API returns.
    #[serde(flatten)]
    pub extra: JsonMap,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn create_defaults_and_rules() {
        let minimal =
            BackupCreate::builder().backup_type(BackupType::SiteFoundation).trigger(BackupTrigger::Auto).build();
        let Body::Json(v) = minimal.into_body().unwrap() else { panic!("not json") };
        assert_eq!(v, json!({"backup_type": "site_foundation", "description": "", "trigger": "auto"}));
        let theme = BackupCreate::builder().backup_type("theme".into()).trigger(BackupTrigger::Manual).build();
        assert!(
            matches!(theme.into_body(), Err(crate::Error::InvalidInput { field: Some(f), .. }) if f == "backup_type")
        );
        let long = BackupCreate::builder()
            .backup_type(BackupType::Page)
            .trigger(BackupTrigger::Manual)
            .target_id("x".repeat(65))
            .build();
        assert!(long.into_body().is_err());
    }

    #[test]
    fn unknown_states_decode() {
        let b: Backup = serde_json::from_value(json!({
            "id": "bk_1", "created_at": "2024-05-01T10:00:00Z", "kind": "forever", "site": "s",
            "backup_type": "page", "status": "queued", "trigger": "manual", "metadata": null
        }))
        .unwrap();
        assert_eq!(b.kind, BackupKind::Other("forever".into()));
        assert_eq!(b.status, BackupStatus::Other("queued".into()));
        assert!(b.metadata.is_empty());
    }

    #[test]
    fn description_can_be_left_out() {
        let mut data = BackupCreate::builder().backup_type(BackupType::Page).trigger(BackupTrigger::Manual).build();
        data.description = None;
        let Body::Json(v) = data.into_body().unwrap() else { panic!("not json") };
        assert_eq!(v, json!({"backup_type": "page", "trigger": "manual"}));
        let long = BackupCreate::builder()
            .backup_type(BackupType::Page)
            .trigger(BackupTrigger::Manual)
            .description("d".repeat(256))
            .build();
        assert!(long.into_body().is_err());
    }
}
