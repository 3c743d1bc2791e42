//! Website content: folders, pages, blog posts and glossary terms, and their publishing actions.
