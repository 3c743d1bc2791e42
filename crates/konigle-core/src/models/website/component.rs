//! Website: component.
