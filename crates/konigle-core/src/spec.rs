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
