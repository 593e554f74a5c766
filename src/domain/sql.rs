//! How domain values are stored: choices as their text value, ids as their number or text.
//! An unknown stored value is a load error, never a silent default.

/// Stores a choice enum (with `as_str` and `parse`) in a `Text` column.
macro_rules! text_column {
    ($name:ident) => {
        impl<DB> diesel::serialize::ToSql<diesel::sql_types::Text, DB> for $name
        where
            DB: diesel::backend::Backend,
            str: diesel::serialize::ToSql<diesel::sql_types::Text, DB>,
        {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, DB>,
            ) -> diesel::serialize::Result {
                <str as diesel::serialize::ToSql<diesel::sql_types::Text, DB>>::to_sql(
                    self.as_str(),
                    out,
                )
            }
        }

        impl<DB> diesel::deserialize::FromSql<diesel::sql_types::Text, DB> for $name
        where
            DB: diesel::backend::Backend,
            String: diesel::deserialize::FromSql<diesel::sql_types::Text, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> diesel::deserialize::Result<Self> {
                let raw = <String as diesel::deserialize::FromSql<
                                                                            diesel::sql_types::Text,
                                                                            DB,
                                                                        >>::from_sql(bytes)?;
                Self::parse(&raw).ok_or_else(|| {
                    format!(
                        "the database holds an unknown {} value {raw:?}",
                        stringify!($name)
                    )
                    .into()
                })
            }
        }
    };
}

/// Stores a newtype around `$inner` in a `$sql` column.
macro_rules! newtype_column {
    ($name:ident, $inner:ty, $sql:ty) => {
        impl<DB> diesel::serialize::ToSql<$sql, DB> for $name
        where
            DB: diesel::backend::Backend,
            $inner: diesel::serialize::ToSql<$sql, DB>,
        {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, DB>,
            ) -> diesel::serialize::Result {
                <$inner as diesel::serialize::ToSql<$sql, DB>>::to_sql(&self.0, out)
            }
        }

        impl<DB> diesel::deserialize::FromSql<$sql, DB> for $name
        where
            DB: diesel::backend::Backend,
            $inner: diesel::deserialize::FromSql<$sql, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> diesel::deserialize::Result<Self> {
                <$inner as diesel::deserialize::FromSql<$sql, DB>>::from_sql(bytes).map($name)
            }
        }
    };
}

pub(crate) use newtype_column;
pub(crate) use text_column;
