//! String enums that keep values the server adds later.

/// Declares a string enum with a fallback variant.
///
/// Each listed variant maps to its wire string; any other string
/// deserializes to `Other(String)` and serializes back unchanged, so a new
/// server value never breaks decoding.
///
/// ```
/// konigle_core::string_enum! {
///     /// Status of a thing.
///     pub enum Status {
///         /// Live.
///         Active = "active",
///         /// Not live.
///         Draft = "draft",
///     }
/// }
/// let s: Status = serde_json::from_str("\"archived\"").unwrap();
/// assert_eq!(s, Status::Other("archived".into()));
/// assert_eq!(serde_json::to_string(&Status::Active).unwrap(), "\"active\"");
/// assert_eq!("draft".parse::<Status>().unwrap(), Status::Draft);
/// assert!(Status::Other("archived".into()).ensure_known("status").is_err());
/// ```
#[doc(hidden)]
#[macro_export]
macro_rules! string_enum {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        $vis enum $name {
            $($(#[$vmeta])* $variant,)*
            /// A value this SDK version does not know yet.
            Other(String),
        }

        impl $name {
            /// Every known value.
            pub const KNOWN: &'static [&'static str] = &[$($wire),*];

            /// The value on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $wire,)*
                    $name::Other(s) => s.as_str(),
                }
            }

            /// Whether this is a known value (not [`Other`](Self::Other)).
            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Other(_))
            }

            /// Fails with [`InvalidInput`]($crate::Error::InvalidInput) for
            /// `field` unless this is a known value: the check payloads and
            /// filters run before sending a value the API would refuse.
            pub fn ensure_known(&self, field: &str) -> $crate::Result<()> {
                if self.is_known() {
                    Ok(())
                } else {
                    Err($crate::Error::invalid(
                        field,
                        format!("{:?} is not one of {}", self.as_str(), Self::KNOWN.join(", ")),
                    ))
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;
            fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                Ok(match s {
                    $($wire => $name::$variant,)*
                    other => $name::Other(other.to_string()),
                })
            }
        }

        impl ::std::convert::From<&str> for $name {
            fn from(s: &str) -> Self {
                s.parse().unwrap_or_else(|e| match e {})
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                let s = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(d)?;
                Ok(s.as_ref().into())
            }
        }
    };
}
