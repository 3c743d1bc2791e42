//! Rich text content as EditorJS documents: typed blocks with a fallback
//! that keeps unknown block types and fields.
