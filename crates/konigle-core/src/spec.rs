//! What each manager works with: its model, filters and payloads, and which
//! operations the API offers for it.
//!
//! A manager is `Manager<S>` for a marker type `S` implementing [`Spec`];
//! fetching one resource, creation, update and deletion exist only where `S`
//! implements [`Get`], [`Create`], [`Update`] and [`Delete`], and the Active
//! Record methods of a model only where it implements [`Fetch`] (`reload`,
//! `load_detail`), [`Save`] and [`Remove`]: an operation the API does not
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

/// The collection offers `get` (one resource by id).
pub trait Get: Spec {}

/// The API fetches this model one by one: `Record::reload` and
/// `Record::load_detail` exist for it.
pub trait Fetch: Resource {}

/// The API updates this model: `Record::save` exists for it.
pub trait Save: Resource {}

/// The API deletes this model: `Record::delete` exists for it.
pub trait Remove: Resource {}

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

/// Declares a marker type and its [`Spec`], with the operations the API
/// offers: `get` unless `get = false`, `create`, `update` and `delete` when
/// named. The model's Active Record capabilities ([`Fetch`], [`Save`],
/// [`Remove`]) follow from the same list.
#[doc(hidden)]
#[macro_export]
macro_rules! spec {
    ($(#[$m:meta])* $name:ident: $model:ty, $filters:ty $(, get = $g:tt)? $(, create = $c:ty)? $(, update = $u:ty)? $(, delete = $d:tt)?) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, Default)]
        pub struct $name;
        impl $crate::spec::Spec for $name {
            type Model = $model;
            type Filters = $filters;
        }
        $crate::spec!(@get $name, $model, $($g)?);
        $(impl $crate::spec::Create for $name { type Payload = $c; })?
        $(
            impl $crate::spec::Update for $name { type Payload = $u; }
            impl $crate::spec::Save for $model {}
        )?
        $($crate::spec!(@delete $name, $model, $d);)?
    };
    (@get $name:ident, $model:ty,) => { $crate::spec!(@get $name, $model, true); };
    (@get $name:ident, $model:ty, true) => {
        impl $crate::spec::Get for $name {}
        impl $crate::spec::Fetch for $model {}
    };
    (@get $name:ident, $model:ty, false) => {};
    (@delete $name:ident, $model:ty, true) => {
        impl $crate::spec::Delete for $name {}
        impl $crate::spec::Remove for $model {}
    };
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
    /// Cloud computers (`client.cloud().computers()`). Creation answers with
    /// the computer and its provisioning job, so the manager has its own
    /// `create` rather than [`Create`].
    CloudComputers: crate::models::Computer, crate::filters::ComputerFilters,
    update = crate::models::ComputerUpdate, delete = true
);
spec!(
    /// Cloud web apps (`client.cloud().webapps()`). Creation answers with
    /// the app and its provisioning job, so the manager has its own `create`
    /// rather than [`Create`].
    CloudWebApps: crate::models::WebApp, crate::filters::WebAppFilters,
    update = crate::models::WebAppUpdate, delete = true
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
spec!(/** Connections (`client.connections()`): read-only. */ Connections: crate::models::Connection, crate::filters::QueryFilters, get = false);
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
