//! Filters of email accounts, channels, identities and templates.

use serde::Serialize;

use crate::models::{EmailChannelStatus, EmailChannelType, EmailIdentityType};

/// Filters of `email_accounts().list`. A website has one email account, so
/// there is nothing to filter on.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct EmailAccountFilters {}

crate::serde_filters!(EmailAccountFilters);

crate::string_enum! {
    /// Sort order of email channels.
    pub enum EmailChannelOrdering {
        /// By code.
        Code = "code",
        /// By code, descending.
        CodeDesc = "-code",
        /// By type.
        ChannelType = "channel_type",
        /// By type, descending.
        ChannelTypeDesc = "-channel_type",
        /// By status.
        Status = "status",
        /// By status, descending.
        StatusDesc = "-status",
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

/// Filters of `email_channels().list`.
///
/// ```
/// use konigle_core::filters::{EmailChannelFilters, EmailChannelOrdering, Filters};
/// use konigle_core::models::EmailChannelType;
/// let f = EmailChannelFilters::builder()
///     .channel_type(EmailChannelType::Marketing)
///     .ordering(EmailChannelOrdering::CreatedAtDesc)
///     .build();
/// assert_eq!(f.to_query().unwrap().encode(), "channel_type=marketing&ordering=-created_at");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct EmailChannelFilters {
    /// Matches code and type.
    pub q: Option<String>,
    /// Channel type.
    pub channel_type: Option<EmailChannelType>,
    /// Channel status.
    pub status: Option<EmailChannelStatus>,
    /// Sort order.
    pub ordering: Option<EmailChannelOrdering>,
}

crate::serde_filters!(EmailChannelFilters[ordering]);

crate::string_enum! {
    /// Sort order of email identities.
    pub enum EmailIdentityOrdering {
        /// By domain or address.
        IdentityValue = "identity_value",
        /// By domain or address, descending.
        IdentityValueDesc = "-identity_value",
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

/// Filters of `email_identities().list`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct EmailIdentityFilters {
    /// Matches the domain or address.
    pub q: Option<String>,
    /// Domain or email identities only.
    pub identity_type: Option<EmailIdentityType>,
    /// Sort order.
    pub ordering: Option<EmailIdentityOrdering>,
}

crate::serde_filters!(EmailIdentityFilters [identity_type, ordering]);

crate::string_enum! {
    /// Sort order of email templates.
    pub enum EmailTemplateOrdering {
        /// By name.
        Name = "name",
        /// By name, descending.
        NameDesc = "-name",
        /// By code.
        Code = "code",
        /// By code, descending.
        CodeDesc = "-code",
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

/// Filters of `email_templates().list`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct EmailTemplateFilters {
    /// Matches name, code and tags.
    pub q: Option<String>,
    /// Comma-separated tags (matches any).
    pub tags: Option<String>,
    /// Base templates only (`true`) or non-base only (`false`).
    pub is_base: Option<bool>,
    /// Sort order.
    pub ordering: Option<EmailTemplateOrdering>,
}

crate::serde_filters!(EmailTemplateFilters[ordering]);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use crate::filters::Filters;

    #[test]
    fn identity_type_must_be_known() {
        let f = EmailIdentityFilters { identity_type: Some("phone".into()), ..Default::default() };
        assert!(matches!(f.to_query(), Err(Error::InvalidInput { .. })));
        let f = EmailIdentityFilters {
            q: Some("org".into()),
            identity_type: Some(EmailIdentityType::Email),
            ordering: Some(EmailIdentityOrdering::UpdatedAt),
        };
        assert_eq!(f.to_query().unwrap().encode(), "q=org&identity_type=email&ordering=updated_at");
    }

    #[test]
    fn template_filters_in_order() {
        let f = EmailTemplateFilters {
            q: Some("plain".into()),
            tags: Some("a,b".into()),
            is_base: Some(false),
            ordering: Some(EmailTemplateOrdering::CreatedAt),
        };
        assert_eq!(f.to_query().unwrap().encode(), "q=plain&tags=a%2Cb&is_base=false&ordering=created_at");
    }
}
