//! A serde serializer that feeds a value into a hash rather than into text: what a page's memo
//! key is made of. Every value is written as a tag and its bytes (strings and sequences with
//! their length or an end mark, struct fields with their names, enum variants by name), so the
//! bytes can be read back into the value: two different values never feed the same bytes, even
//! when fields are left out when empty. Nothing is escaped or formatted, unlike JSON.

use std::fmt;

use serde::ser::{self, Serialize};

use crate::memo::KeyHasher;

/// Feed `value` into `h`; `Err` when the value refuses to be serialised (the hash is then
/// incomplete and must not be used).
pub(super) fn feed<T: Serialize + ?Sized>(h: &mut KeyHasher, value: &T) -> Result<(), Unhashable> {
    value.serialize(&mut Feed(h))
}

/// A value whose `Serialize` failed.
#[derive(Debug)]
pub(super) struct Unhashable;

impl fmt::Display for Unhashable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the value could not be serialised")
    }
}

impl std::error::Error for Unhashable {}

impl ser::Error for Unhashable {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Unhashable
    }
}

struct Feed<'h>(&'h mut KeyHasher);

impl Feed<'_> {
    fn tag(&mut self, tag: u8, bytes: &[u8]) {
        self.0.update(&[tag]);
        self.0.update(bytes);
    }

    /// A length-prefixed string or byte string.
    fn text(&mut self, tag: u8, bytes: &[u8]) {
        self.tag(tag, &(bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
    }
}

type Done = Result<(), Unhashable>;

impl<'a, 'h> ser::Serializer for &'a mut Feed<'h> {
    type Ok = ();
    type Error = Unhashable;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn serialize_bool(self, v: bool) -> Done {
        self.tag(b'b', &[u8::from(v)]);
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Done {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i16(self, v: i16) -> Done {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i32(self, v: i32) -> Done {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i64(self, v: i64) -> Done {
        self.tag(b'i', &v.to_le_bytes());
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Done {
        self.tag(b'I', &v.to_le_bytes());
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Done {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u16(self, v: u16) -> Done {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u32(self, v: u32) -> Done {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u64(self, v: u64) -> Done {
        self.tag(b'u', &v.to_le_bytes());
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> Done {
        self.tag(b'U', &v.to_le_bytes());
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Done {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Done {
        self.tag(b'f', &v.to_bits().to_le_bytes());
        Ok(())
    }
    fn serialize_char(self, v: char) -> Done {
        self.tag(b'c', &u32::from(v).to_le_bytes());
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Done {
        self.text(b's', v.as_bytes());
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Done {
        self.text(b'y', v);
        Ok(())
    }
    fn serialize_none(self) -> Done {
        self.tag(b'N', &[]);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Done {
        self.tag(b'S', &[]);
        value.serialize(self)
    }
    fn serialize_unit(self) -> Done {
        self.tag(b'0', &[]);
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Done {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Done {
        self.text(b'v', variant.as_bytes());
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Done {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Done {
        self.text(b'V', variant.as_bytes());
        value.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self, Unhashable> {
        self.tag(b'[', &[]);
        Ok(self)
    }
    fn serialize_tuple(self, len: usize) -> Result<Self, Unhashable> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Self, Unhashable> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self, Unhashable> {
        self.text(b'T', variant.as_bytes());
        self.serialize_seq(Some(len))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self, Unhashable> {
        self.tag(b'{', &[]);
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Self, Unhashable> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self, Unhashable> {
        self.text(b'W', variant.as_bytes());
        self.serialize_map(Some(len))
    }
}

impl ser::SerializeSeq for &mut Feed<'_> {
    type Ok = ();
    type Error = Unhashable;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
        value.serialize(&mut **self)
    }
    fn end(self) -> Done {
        self.tag(b']', &[]);
        Ok(())
    }
}

/// Tuples are sequences: their elements, then the end mark.
macro_rules! like_a_sequence {
    ($($kind:ident :: $element:ident),*) => {$(
        impl ser::$kind for &mut Feed<'_> {
            type Ok = ();
            type Error = Unhashable;
            fn $element<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
                ser::SerializeSeq::serialize_element(self, value)
            }
            fn end(self) -> Done {
                ser::SerializeSeq::end(self)
            }
        }
    )*};
}

like_a_sequence!(
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for &mut Feed<'_> {
    type Ok = ();
    type Error = Unhashable;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Done {
        key.serialize(&mut **self)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
        value.serialize(&mut **self)
    }
    fn end(self) -> Done {
        self.tag(b'}', &[]);
        Ok(())
    }
}

impl ser::SerializeStruct for &mut Feed<'_> {
    type Ok = ();
    type Error = Unhashable;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Done {
        self.text(b's', key.as_bytes());
        value.serialize(&mut **self)
    }
    fn end(self) -> Done {
        ser::SerializeMap::end(self)
    }
}

impl ser::SerializeStructVariant for &mut Feed<'_> {
    type Ok = ();
    type Error = Unhashable;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Done {
        ser::SerializeStruct::serialize_field(self, key, value)
    }
    fn end(self) -> Done {
        ser::SerializeMap::end(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hash<T: Serialize>(value: &T) -> u64 {
        let mut h = KeyHasher::new();
        feed(&mut h, value).unwrap();
        h.digest()
    }

    #[derive(serde::Serialize)]
    struct Card {
        #[serde(skip_serializing_if = "Option::is_none")]
        title: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        note: Option<String>,
        tags: Vec<String>,
    }

    #[test]
    fn values_that_differ_hash_differently_even_where_json_would_be_ambiguous_to_a_compact_encoding() {
        let card = |title: Option<&str>, note: Option<&str>, tags: &[&str]| Card {
            title: title.map(str::to_string),
            note: note.map(str::to_string),
            tags: tags.iter().map(|t| t.to_string()).collect(),
        };
        let values = [
            hash(&card(Some("x"), None, &[])),
            hash(&card(None, Some("x"), &[])),
            hash(&card(None, None, &["x"])),
            hash(&card(None, None, &["x", ""])),
            hash(&card(None, None, &["", "x"])),
            hash(&card(Some(""), None, &[])),
            hash(&card(None, None, &[])),
            hash(&("ab", "c")),
            hash(&("a", "bc")),
            hash(&1u64),
            hash(&1i64),
            hash(&1.0f64),
            hash(&"1"),
            hash(&Some(1u64)),
            hash(&vec![1u64]),
        ];
        for (i, a) in values.iter().enumerate() {
            for b in &values[i + 1..] {
                assert_ne!(a, b, "value {i} collides");
            }
        }
        assert_eq!(hash(&card(Some("x"), None, &["y"])), hash(&card(Some("x"), None, &["y"])));
    }

    #[test]
    fn a_value_that_refuses_to_serialise_is_an_error() {
        struct Refuses;
        impl Serialize for Refuses {
            fn serialize<S: ser::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
                Err(ser::Error::custom("no"))
            }
        }
        assert!(feed(&mut KeyHasher::new(), &vec![Refuses]).is_err());
    }
}
