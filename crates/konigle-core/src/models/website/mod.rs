//! The website builder: folders, pages, blog posts, glossary terms, authors,
//! backups, redirects, components, templates, the theme and the site itself.

mod publish;
pub use publish::*;

mod folder;
pub use folder::*;
mod page;
pub use page::*;
mod blog;
pub use blog::*;
mod glossary;
pub use glossary::*;

// ---------------------------------------------------------------------------
// Site, design and supporting resources.

mod author;
pub use author::*;
mod backup;
pub use backup::*;
mod redirect;
pub use redirect::*;
mod component;
pub use component::*;
mod template;
pub use template::*;
mod design;
pub use design::*;
mod site;
pub use site::*;
