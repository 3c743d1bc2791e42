//! End to end: every manager of both clients against the embedded
//! `konigle-mock` server — CRUD, actions, pagination across many pages,
//! Active Record round trips, auth and validation failures, faults.
//!
//! The scenarios are written once (`scenarios.rs`) and compiled for the
//! blocking client (server on its own runtime thread) and for the async
//! client (server on the test's runtime).

// The scenarios module is compiled once per facade, on purpose.
#![allow(clippy::duplicate_mod)]

mod blocking;
mod nonblocking;

konigle_suite::both_facades!(
    products_crud_pages_and_active_record,
    variants_and_product_images,
    media_assets,
    uploads_direct_and_cloud,
    connections_and_forms,
    cloud_computers_webapps_spaces_jobs,
    audiences_contacts_and_campaigns,
    email_setup_templates_and_sending,
    iter_all_walks_many_pages_once,
    auth_failure_is_typed,
    faults_are_retried_or_reported,
);
