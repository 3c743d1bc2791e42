use std::collections::BTreeSet;
use std::ops::{Deref, DerefMut};

use konigle_core::resource::{detail_request, foreign_key_loaded, Tracked};
use konigle_core::spec;
use konigle_core::{Body, Method, Resource, Result};

use super::Client;

/// A resource loaded through a manager, with Active Record behaviour.
///
/// It dereferences to the model, so fields read and write as usual; it
/// remembers the state it was loaded with, so [`save`](Record::save) sends
/// only the fields that changed (nothing at all when none did).
///
#[doc = doc_example!("record")]
pub struct Record<T: Resource> {
    tracked: Tracked<T>,
    client: Client,
}

impl<T: Resource> Record<T> {
    pub(crate) fn new(value: T, partial: bool, client: Client) -> Self {
        // The snapshot behind `is_dirty`/`save` is taken on the first
        // mutable access (`DerefMut`), so records that are only read cost none.
        Record { tracked: Tracked::lazy(value, partial), client }
    }

    /// Whether any field changed since the record was loaded or saved.
    pub fn is_dirty(&self) -> bool {
        self.tracked.is_dirty()
    }

    /// Names of the fields changed since the record was loaded or saved.
    pub fn dirty_fields(&self) -> BTreeSet<String> {
        self.tracked.dirty_fields()
    }

    /// Drops unsaved changes, restoring the loaded values.
    pub fn reset_changes(&mut self) {
        // The snapshot was produced from a valid value, so restoring cannot fail.
        let _ = self.tracked.reset();
    }

    /// Whether every detail field is present (false for list items with
    /// detail-only or foreign-key fields, until [`load_detail`](Self::load_detail)).
    pub fn is_detail_loaded(&self) -> bool {
        (T::DETAIL_ONLY_FIELDS.is_empty() && T::FOREIGN_KEY_FIELDS.is_empty()) || !self.tracked.is_partial()
    }

    /// Whether the foreign-key field `field` holds objects rather than ids.
    ///
    /// # Errors
    /// [`konigle_core::Error::InvalidInput`] when `field` is not a foreign key of `T`.
    pub fn is_foreign_key_loaded(&self, field: &str) -> Result<bool> {
        foreign_key_loaded(self.tracked.value(), field)
    }

    /// The model, without Active Record behaviour.
    pub fn into_inner(self) -> T {
        self.tracked.into_value()
    }

    /// The client the record saves through.
    pub fn client(&self) -> &Client {
        &self.client
    }
}

#[crate::facade]
impl<T: spec::Save> Record<T> {
    /// Sends the changed fields (a `PATCH`) and refreshes the record with
    /// the server's answer. Does nothing when nothing changed.
    ///
    /// Nothing is dropped silently: when a changed field is one the update
    /// payload does not carry (read-only data, or a field with its own
    /// action such as a campaign's `status`), or holds a value an update
    /// cannot send, `save` fails with
    /// [`InvalidInput`](konigle_core::Error::InvalidInput) naming the fields
    /// (and the action to use, where there is one), and sends nothing.
    pub async fn save(&mut self) -> Result<&mut Self> {
        let changes = self.tracked.changes();
        if changes.is_empty() {
            return Ok(self);
        }
        let body = T::save_body(changes)?;
        if body.is_empty() {
            // No change the update carries: nothing to send.
            return Ok(self);
        }
        let req = detail_request::<T>(Method::Patch, self.tracked.value().resource_id())?.body(Body::Json(body.into()));
        let fresh: T = self.client.fetch(req).await?;
        let partial = self.tracked.is_partial();
        self.tracked.replace(fresh, partial);
        Ok(self)
    }
}

#[crate::facade]
impl<T: spec::Fetch> Record<T> {
    /// Replaces the record's data with the server's current state, dropping
    /// unsaved changes.
    pub async fn reload(&mut self) -> Result<&mut Self> {
        let fresh: T = self.client.fetch(detail_request::<T>(Method::Get, self.tracked.value().resource_id())?).await?;
        let partial = self.tracked.is_partial();
        self.tracked.replace(fresh, partial);
        Ok(self)
    }

    /// Fetches the full resource when the record came from a list; does
    /// nothing when it is already complete.
    pub async fn load_detail(&mut self) -> Result<&mut Self> {
        if !self.tracked.is_partial() {
            return Ok(self);
        }
        let fresh: T = self.client.fetch(detail_request::<T>(Method::Get, self.tracked.value().resource_id())?).await?;
        self.tracked.replace(fresh, false);
        Ok(self)
    }
}

#[crate::facade]
impl<T: spec::Remove> Record<T> {
    /// Deletes the resource.
    pub async fn delete(self) -> Result<()> {
        self.client.execute(detail_request::<T>(Method::Delete, self.tracked.value().resource_id())?).await?;
        Ok(())
    }
}

impl<T: Resource> Deref for Record<T> {
    type Target = T;
    fn deref(&self) -> &T {
        self.tracked.value()
    }
}

impl<T: Resource> DerefMut for Record<T> {
    fn deref_mut(&mut self) -> &mut T {
        self.tracked.value_mut()
    }
}

impl<T: Resource + std::fmt::Debug> std::fmt::Debug for Record<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.tracked.value(), f)
    }
}

impl<T: Resource> Clone for Record<T> {
    fn clone(&self) -> Self {
        Record { tracked: self.tracked.clone(), client: self.client.clone() }
    }
}

/// Records are equal when their models are (the client and the change
/// tracking are not compared).
impl<T: Resource + PartialEq> PartialEq for Record<T> {
    fn eq(&self, other: &Self) -> bool {
        self.tracked.value() == other.tracked.value()
    }
}

/// A record serializes as its model.
impl<T: Resource> serde::Serialize for Record<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.tracked.value().serialize(s)
    }
}
