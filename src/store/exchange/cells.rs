//! The `#[serde(with = …)]` helpers of the document: a record table as a
//! list of wire objects, and a history cell as any SQLite value, kept
//! exactly.

/// `#[serde(with = "records")]` for a `Vec<Stored<T>>` document table.
pub(super) mod records {
    use super::super::wire::Exchanged;
    use crate::domain::Stored;
    use serde::{Deserialize, Deserializer, Serializer};

    pub(in crate::store::exchange) fn serialize<T: Exchanged, S: Serializer>(
        rows: &[Stored<T>],
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.collect_seq(rows.iter().map(T::to_wire))
    }

    pub(in crate::store::exchange) fn deserialize<'de, T: Exchanged, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Vec<Stored<T>>, D::Error> {
        Ok(Vec::<T::Wire>::deserialize(d)?
            .into_iter()
            .map(T::from_wire)
            .collect())
    }
}

/// `#[serde(with = "cell")]` for a history value: any SQLite value, kept
/// exactly (see [`HistoryChange`]).
pub(super) mod cell {
    use rusqlite::types::Value;
    use serde::de::{self, Deserializer, MapAccess, Visitor};
    use serde::ser::{SerializeMap, Serializer};
    use std::fmt;

    pub(in crate::store::exchange) fn serialize<S: Serializer>(
        v: &Value,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match v {
            Value::Null => s.serialize_none(),
            Value::Integer(i) => s.serialize_i64(*i),
            Value::Text(t) => s.serialize_str(t),
            Value::Real(f) => {
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("real", &f.to_string())?;
                m.end()
            }
            Value::Blob(b) => {
                let hex: String = b.iter().map(|byte| format!("{byte:02x}")).collect();
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("blob", &hex)?;
                m.end()
            }
        }
    }

    pub(in crate::store::exchange) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Value, D::Error> {
        d.deserialize_any(CellVisitor)
    }

    struct CellVisitor;

    impl<'de> Visitor<'de> for CellVisitor {
        type Value = Value;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(
                "null, a whole number, a string, {\"real\": \"1.5\"} or {\"blob\": \"00ff\"}",
            )
        }

        fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
            Ok(Value::Null)
        }

        fn visit_none<E: de::Error>(self) -> Result<Value, E> {
            Ok(Value::Null)
        }

        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
            Ok(Value::Integer(v))
        }

        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
            i64::try_from(v)
                .map(Value::Integer)
                .map_err(|_| E::custom(format!("{v} is too large for SQLite")))
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
            Ok(Value::Text(v.to_owned()))
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
            let Some(key) = map.next_key::<String>()? else {
                return Err(de::Error::custom(
                    "expected {\"real\": \"…\"} or {\"blob\": \"…\"}, found {}",
                ));
            };
            let value =
                match key.as_str() {
                    "real" => {
                        let text: String = map.next_value()?;
                        let f = text
                            .parse::<f64>() // an SQLite REAL in the history (never money: jmo stores money as text)
                            .map_err(|_| de::Error::custom(format!("'{text}' is not a number")))?;
                        Value::Real(f)
                    }
                    "blob" => {
                        let hex: String = map.next_value()?;
                        Value::Blob(unhex(&hex).ok_or_else(|| {
                            de::Error::custom(format!("'{hex}' is not hex bytes"))
                        })?)
                    }
                    other => return Err(de::Error::unknown_field(other, &["real", "blob"])),
                };
            if let Some(extra) = map.next_key::<String>()? {
                return Err(de::Error::custom(format!(
                    "unexpected '{extra}': one of real or blob only"
                )));
            }
            Ok(value)
        }
    }

    fn unhex(hex: &str) -> Option<Vec<u8>> {
        if hex.len() % 2 != 0 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        (0..hex.len())
            .step_by(2)
            .map(|i| {
                hex.get(i..i + 2)
                    .and_then(|pair| u8::from_str_radix(pair, 16).ok())
            })
            .collect()
    }
}
