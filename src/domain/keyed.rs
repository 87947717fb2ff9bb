//! A macro for the small closed enums of the domain (types, statuses, tiers):
//! each variant has a stable key (stored in SQLite and JSON) and a label
//! (shown to the user).

/// A closed enum with stable string keys (implemented by [`keyed_enum!`]).
pub trait Keyed: Sized + Copy {
    /// The stable key.
    fn key(&self) -> &'static str;
    /// The variant for a key (or label), if any.
    fn from_key(key: &str) -> Option<Self>;
    /// All keys, comma-separated, for error messages.
    fn keys() -> String;
}

/// Declares an enum whose variants have a stable `key` and a human `label`.
///
/// Generates `ALL`, `key()`, `label()`, `from_key()` and serde support
/// through the key.
macro_rules! keyed_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = ($key:literal, $label:literal)),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $($(#[$vdoc])* $variant),+
        }

        impl $name {
            /// Every variant, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable key stored in the database and in JSON.
            pub fn key(self) -> &'static str {
                match self { $($name::$variant => $key),+ }
            }

            /// The label shown to the user.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// The variant for `key` (exact key, or the label ignoring case).
            pub fn from_key(key: &str) -> Option<$name> {
                let key = key.trim();
                match key {
                    $($key => Some($name::$variant),)+
                    _ => $name::ALL.iter().copied().find(|v| v.label().eq_ignore_ascii_case(key)),
                }
            }

            /// The list of keys, for error messages: `"a, b, c"`.
            pub fn keys() -> String {
                $name::ALL.iter().map(|v| v.key()).collect::<Vec<_>>().join(", ")
            }
        }

        impl $crate::domain::keyed::Keyed for $name {
            fn key(&self) -> &'static str {
                $name::key(*self)
            }
            fn from_key(key: &str) -> Option<Self> {
                $name::from_key(key)
            }
            fn keys() -> String {
                $name::keys()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.key())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                $name::from_key(&s).ok_or_else(|| {
                    serde::de::Error::custom(format!("unknown {} '{}'; expected one of: {}", stringify!($name), s, $name::keys()))
                })
            }
        }
    };
}

pub(crate) use keyed_enum;
