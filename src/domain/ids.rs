//! Ids: a school, a person, a report and a message each have their own type, so one can
//! never be passed where another is meant.

use diesel::sql_types::{BigInt, Text};
use serde::Deserialize;

use super::sql::newtype_column;

/// Crockford's base32 (no I, L, O or U), forgiving lower case, O for 0, I and L for 1,
/// hyphens and spaces: what people copy by hand.
pub const CROCKFORD: data_encoding::Encoding = data_encoding_macro::new_encoding! {
    symbols: "0123456789ABCDEFGHJKMNPQRSTVWXYZ",
    translate_from: "abcdefghjkmnpqrstvwxyzOoIiLl",
    translate_to: "ABCDEFGHJKMNPQRSTVWXYZ001111",
    ignore: "- ",
};

macro_rules! number_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            Deserialize, diesel::expression::AsExpression, diesel::deserialize::FromSqlRow,
        )]
        #[diesel(sql_type = BigInt)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        newtype_column!($name, i64, BigInt);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}", self.0)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(raw: &str) -> Result<Self, Self::Err> {
                raw.trim().parse().map($name)
            }
        }
    };
}

number_id! {
    /// A school's row id (never shown to pupils: they see the slug).
    SchoolId
}

number_id! {
    /// A member of staff's row id.
    UserId
}

macro_rules! random_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, diesel::expression::AsExpression, diesel::deserialize::FromSqlRow)]
        #[diesel(sql_type = Text)]
        pub struct $name(String);

        newtype_column!($name, String, Text);

        impl $name {
            /// 128 random bits, so ids reveal nothing about order or volume.
            pub fn generate() -> Self {
                use rand::RngCore;
                let mut bytes = [0u8; 16];
                rand::rngs::OsRng.fill_bytes(&mut bytes);
                $name(CROCKFORD.encode(&bytes).to_ascii_lowercase())
            }

            /// An id in the one shape [`Self::generate`] makes (from a URL, say), or nothing.
            pub fn parse(raw: &str) -> Option<Self> {
                let ok = raw.len() == ID_CHARS
                    && raw
                        .bytes()
                        .all(|b| b.is_ascii_digit() || (b.is_ascii_lowercase() && !b"ilou".contains(&b)));
                ok.then(|| $name(raw.to_owned()))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

/// 16 bytes in base32.
const ID_CHARS: usize = 26;

random_id! {
    /// A report's id: random, in the clear, never guessable from another.
    ReportId
}

random_id! {
    /// One message or note of a report.
    MessageId
}

random_id! {
    /// One picture sent with a report.
    PictureId
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_ids_are_random_lower_case_base32_and_parse_back() {
        let id = ReportId::generate();
        assert_eq!(id.as_str().len(), ID_CHARS);
        assert_eq!(ReportId::parse(id.as_str()), Some(id.clone()));
        assert_ne!(id, ReportId::generate());
    }

    #[test]
    fn anything_else_is_not_a_report_id() {
        for bad in [
            "",
            "abc",
            "../../etc/passwd",
            "ABCDEFGHJKMNPQRSTVWXYZ0123",
            "abcdefghjkmnpqrstvwxyz012u",
            "abcdefghjkmnpqrstvwxyz0123x",
        ] {
            assert!(ReportId::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn crockford_forgives_what_people_type() {
        let bytes = [0x12, 0x34, 0x56, 0x78, 0x9a];
        let text = CROCKFORD.encode(&bytes);
        assert_eq!(text, "28T5CY4T");
        assert_eq!(CROCKFORD.decode(b"28t5-cy4t").unwrap(), bytes);
        assert_eq!(
            CROCKFORD.decode(b"1O").unwrap(),
            CROCKFORD.decode(b"l0").unwrap()
        );
        assert!(CROCKFORD.decode(b"28T5CY4U").is_err());
    }

    #[test]
    fn number_ids_parse_from_form_values() {
        assert_eq!(" 42 ".parse::<SchoolId>().unwrap(), SchoolId(42));
        assert!("x".parse::<UserId>().is_err());
    }
}
