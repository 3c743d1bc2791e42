//! Filters of audiences, campaigns and contacts.

use serde::Serialize;

use crate::models::{CampaignChannelType, CampaignStatus, ContactSource};

/// Filters of `audiences().list`.
///
/// ```
/// use konigle_core::filters::{AudienceFilters, Filters};
/// let f = AudienceFilters::builder().q("news").tags("newsletter,vip").build();
/// assert_eq!(f.to_query().unwrap().encode(), "q=news&tags=newsletter%2Cvip");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct AudienceFilters {
    /// Matches the audience name.
    pub q: Option<String>,
    /// Comma-separated tags.
    pub tags: Option<String>,
}

crate::serde_filters!(AudienceFilters);

/// Filters of `campaigns().list`.
///
/// ```
/// use konigle_core::filters::{CampaignFilters, Filters};
/// use konigle_core::models::CampaignStatus;
/// let f = CampaignFilters::builder().status(CampaignStatus::Running).build();
/// assert_eq!(f.to_query().unwrap().encode(), "status=running");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct CampaignFilters {
    /// Matches name and description.
    pub q: Option<String>,
    /// Campaign status.
    pub status: Option<CampaignStatus>,
    /// Channel type.
    pub channel_type: Option<CampaignChannelType>,
    /// Audience code.
    pub audience: Option<String>,
}

crate::serde_filters!(CampaignFilters [status, channel_type]);

/// Filters of `contacts().list`.
///
/// ```
/// use konigle_core::filters::{ContactFilters, Filters};
/// use konigle_core::models::ContactSource;
/// let f = ContactFilters::builder().q("john").source(ContactSource::Purchase).build();
/// assert_eq!(f.to_query().unwrap().encode(), "q=john&source=purchase");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[non_exhaustive]
#[builder(on(String, into))]
pub struct ContactFilters {
    /// Matches the email address.
    pub q: Option<String>,
    /// How contacts were acquired.
    pub source: Option<ContactSource>,
    /// Comma-separated tags.
    pub tags: Option<String>,
}

crate::serde_filters!(ContactFilters[source]);
