//! What each manager works with: its model, filters and payloads, and which
//! operations the API offers for it.
//!
//! A manager is `Manager<S>` for a marker type `S` implementing [`Spec`];
//! creation, update and deletion exist only where `S` implements
//! [`Create`], [`Update`] and [`Delete`], so an operation the API does not
//! offer is a compile error, never a request.

use crate::filters::Filters;
use crate::models::Payload;
use crate::resource::Resource;

/// A resource collection with `list`, `get` and `iter_all`.
pub trait Spec: Send + Sync + 'static {
    /// The resource model.
    type Model: Resource;
    /// The list filters.
    type Filters: Filters;
}

/// The collection offers `create`.
pub trait Create: Spec {
    /// The creation payload.
    type Payload: Payload + Send;
}

/// The collection offers `update`.
pub trait Update: Spec {
    /// The update payload.
    type Payload: Payload + Send;
}

/// The collection offers `delete`.
pub trait Delete: Spec {}

/// Declares a marker type and its [`Spec`].
#[macro_export]
macro_rules! spec {
    ($(#[$m:meta])* $name:ident: $model:ty, $filters:ty $(, create = $c:ty)? $(, update = $u:ty)? $(, delete = $d:tt)?) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, Default)]
        pub struct $name;
        impl $crate::spec::Spec for $name {
            type Model = $model;
            type Filters = $filters;
        }
        $(impl $crate::spec::Create for $name { type Payload = $c; })?
        $(impl $crate::spec::Update for $name { type Payload = $u; })?
        $($crate::spec!(@delete $name $d);)?
    };
    (@delete $name:ident true) => { impl $crate::spec::Delete for $name {} };
}

spec!(
    /// Images (`client.images()`).
    Images: crate::models::Image, crate::filters::ImageFilters,
    create = crate::models::ImageCreate, update = crate::models::ImageUpdate, delete = true
);
spec!(
    /// Videos (`client.videos()`).
    Videos: crate::models::Video, crate::filters::VideoFilters,
    create = crate::models::VideoCreate, update = crate::models::VideoUpdate, delete = true
);
spec!(
    /// Documents (`client.documents()`).
    Documents: crate::models::Document, crate::filters::DocumentFilters,
    create = crate::models::DocumentCreate, update = crate::models::DocumentUpdate, delete = true
);
spec!(
    /// Cloud spaces (`client.cloud().spaces()`).
    CloudSpaces: crate::models::Space, crate::filters::SpaceFilters,
    create = crate::models::SpaceCreate, update = crate::models::SpaceUpdate, delete = true
);
spec!(
    /// Cloud jobs (`client.cloud().jobs()`).
    CloudJobs: crate::models::Job, crate::filters::JobFilters,
    create = crate::models::JobCreate, update = crate::models::JobUpdate, delete = true
);
spec!(
    /// Email accounts (`client.email_accounts()`).
    EmailAccounts: crate::models::EmailAccount, crate::filters::EmailAccountFilters,
    create = crate::models::EmailAccountCreate, update = crate::models::EmailAccountUpdate, delete = true
);
spec!(
    /// Email channels (`client.email_channels()`).
    EmailChannels: crate::models::EmailChannel, crate::filters::EmailChannelFilters,
    create = crate::models::EmailChannelCreate, update = crate::models::EmailChannelUpdate, delete = true
);
spec!(
    /// Email identities (`client.email_identities()`).
    EmailIdentities: crate::models::EmailIdentity, crate::filters::EmailIdentityFilters,
    create = crate::models::EmailIdentityCreate, update = crate::models::EmailIdentityUpdate, delete = true
);
spec!(
    /// Email templates (`client.email_templates()`).
    EmailTemplates: crate::models::EmailTemplate, crate::filters::EmailTemplateFilters,
    create = crate::models::EmailTemplateCreate, update = crate::models::EmailTemplateUpdate, delete = true
);
spec!(/** Uploads (`client.uploads()`). */ Uploads: crate::models::Upload, crate::filters::QueryFilters, create = crate::models::UploadCreate, delete = true);
spec!(/** Connections (`client.connections()`): read-only. */ Connections: crate::models::Connection, crate::filters::QueryFilters);
spec!(/** Forms (`client.forms()`), on the forms service. */ Forms: crate::models::Form, crate::filters::FormFilters);
spec!(
    /// Audiences (`client.audiences()`).
    Audiences: crate::models::Audience, crate::filters::AudienceFilters,
    create = crate::models::AudienceCreate, update = crate::models::AudienceUpdate, delete = true
);
spec!(
    /// Campaigns (`client.campaigns()`).
    Campaigns: crate::models::Campaign, crate::filters::CampaignFilters,
    create = crate::models::CampaignCreate, update = crate::models::CampaignUpdate, delete = true
);
spec!(
    /// Contacts (`client.contacts()`).
    Contacts: crate::models::Contact, crate::filters::ContactFilters,
    create = crate::models::ContactCreate, update = crate::models::ContactUpdate, delete = true
);
spec!(
    /// Products (`client.products()`).
    Products: crate::models::Product, crate::filters::ProductFilters,
    create = crate::models::ProductCreate, update = crate::models::ProductUpdate, delete = true
);
spec!(
    /// Product variants (`client.product_variants()`); variants are created through their product.
    ProductVariants: crate::models::ProductVariant, crate::filters::ProductVariantFilters,
    update = crate::models::ProductVariantUpdate, delete = true
);
spec!(
    /// Product images (`client.product_images()`).
    ProductImages: crate::models::ProductImage, crate::filters::ProductImageFilters,
    create = crate::models::ProductImageCreate, update = crate::models::ProductImageUpdate, delete = true
);

// Website markers live in their own files, one per group of managers.
mod website_content;
pub use website_content::*;

mod website_site;
pub use website_site::*;
