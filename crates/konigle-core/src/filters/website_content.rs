//! Filters of folders, pages, blog posts and glossary terms.
