//! Website: blog.
