//! The portable schema shared by SQLite and PostgreSQL (BigInt, Integer, Text, Binary, Bool only).

diesel::table! {
    schools (id) {
        id -> BigInt,
        slug -> Text,
        name -> Text,
        reading_hours -> Text,
        ack_within_hours -> Integer,
        created_at -> BigInt,
    }
}
