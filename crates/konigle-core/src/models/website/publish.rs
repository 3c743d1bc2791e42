//! What publishable website resources (folders, pages, blog posts, glossary terms) share.
