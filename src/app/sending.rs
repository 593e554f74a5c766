//! Sending a report once. The report form carries a one-time token; the first request
//! with it stores the report, and any replay of it (a reload of the receipt page, a double
//! click, Back and send again) stores nothing and shows the same receipt.
//!
//! The token's row is inserted first in the report's own transaction, under a unique key,
//! so two identical requests at the same moment still store one report. The receipt code is
//! kept for [`RECEIPT_SHOWN_FOR`] sealed under a key derived from the token (never in the
//! clear), then wiped; the row that says "sent" is kept for [`FORMS_REMEMBERED_FOR`].
//! Pictures chosen before the "in danger now" step are held the same way, sealed, for
//! [`PICTURES_HELD_FOR`], and sent with the report.

use std::sync::atomic::{AtomicBool, Ordering};

use zeroize::Zeroizing;

use super::context::Context;
use super::on_call::Cover;
use crate::crypto::form_token::FormToken;
use crate::crypto::receipt::ReceiptCode;
use crate::crypto::secret::SecretKey;
use crate::db::{Conn, DbError, Tx};
use crate::images::Clean;
use crate::store::sent_forms;
use crate::time::Timestamp;

/// How long a replay still shows the receipt code.
pub const RECEIPT_SHOWN_FOR: i64 = 10 * 60;
/// How long pictures chosen before the "in danger now" step are kept for the report.
pub const PICTURES_HELD_FOR: i64 = 30 * 60;
/// How long a sent form is remembered, so a replay never stores a second report.
pub const FORMS_REMEMBERED_FOR: i64 = 30 * 86_400;

const RECEIPT_CONTEXT: &[u8] = b"confide/sent-form/v1/receipt";

/// What the receipt page shows.
pub struct Receipt {
    pub code: ReceiptCode,
    /// For an urgent report: what happens now (`None` for any other).
    pub cover: Option<Cover>,
    pub pictures: usize,
    /// A kind of report that takes no pictures (a nude picture of the pupil): the receipt
    /// shows what to do now.
    pub no_pictures_kind: bool,
    /// A picture came with it anyway and was dropped unstored: the receipt says so.
    pub pictures_refused: bool,
}

impl std::fmt::Debug for Receipt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Receipt(<redacted>)")
    }
}

impl Receipt {
    fn seal(&self, key: &SecretKey) -> Vec<u8> {
        let plain = Zeroizing::new(format!(
            "{}|{}|{}|{}{}",
            self.code.grouped().as_str(),
            cover_text(self.cover),
            self.pictures,
            u8::from(self.no_pictures_kind),
            u8::from(self.pictures_refused),
        ));
        key.seal(RECEIPT_CONTEXT, plain.as_bytes())
    }

    fn open(key: &SecretKey, sealed: &[u8]) -> Option<Receipt> {
        let plain = key.open(RECEIPT_CONTEXT, sealed).ok()?;
        let text = std::str::from_utf8(&plain).ok()?;
        let mut parts = text.split('|');
        let code = ReceiptCode::parse(parts.next()?)?;
        let cover = cover_from(parts.next()?);
        let pictures = parts.next()?.parse().ok()?;
        // Receipts sealed before these flags existed have no fourth part.
        let flags = parts.next().unwrap_or("00").as_bytes();
        Some(Receipt {
            code,
            cover,
            pictures,
            no_pictures_kind: flags.first() == Some(&b'1'),
            pictures_refused: flags.get(1) == Some(&b'1'),
        })
    }
}

/// "0" (not urgent), "h" (in hours), "o" (on call), "n<seconds>" (nobody until then).
fn cover_text(cover: Option<Cover>) -> String {
    match cover {
        None => "0".to_owned(),
        Some(Cover::InHours) => "h".to_owned(),
        Some(Cover::OnCall) => "o".to_owned(),
        Some(Cover::NobodyUntil(at)) => format!("n{}", at.as_secs()),
    }
}

fn cover_from(text: &str) -> Option<Cover> {
    match text {
        "0" => None,
        // "1": an urgent report's receipt kept before the on-call chain existed.
        "h" | "1" => Some(Cover::InHours),
        "o" => Some(Cover::OnCall),
        _ => text
            .strip_prefix('n')
            .and_then(|secs| secs.parse().ok())
            .map(|secs| Cover::NobodyUntil(Timestamp::from_secs(secs))),
    }
}

/// What became of a form sent before.
#[derive(Debug)]
pub enum Earlier {
    /// Within the last few minutes: its receipt, to show again.
    Receipt(Receipt),
    /// Longer ago: the report was stored, and its code can no longer be shown.
    Forgotten,
}

/// The claim a report's transaction makes first: this form's token hash and its receipt,
/// sealed before the write so the write stays short.
pub struct Claim {
    hash: Vec<u8>,
    sealed: Vec<u8>,
    sent_before: AtomicBool,
}

impl Claim {
    /// The claim of a report with this receipt.
    pub fn new(ctx: &Context, token: &FormToken, receipt: &Receipt) -> Self {
        Claim {
            hash: token.lookup_hash(&ctx.server_key),
            sealed: receipt.seal(&token.sealing_key()),
            sent_before: AtomicBool::new(false),
        }
    }

    /// The claim of a report whose code must never be shown again (a disclosure whose
    /// pupil wanted no paper code): a form sent twice is still stored once.
    pub fn without_receipt(ctx: &Context, token: &FormToken) -> Self {
        Claim {
            hash: token.lookup_hash(&ctx.server_key),
            sealed: Vec::new(),
            sent_before: AtomicBool::new(false),
        }
    }

    /// Marks the form sent, inside the report's transaction and before anything else in
    /// it: `false` if it was sent already, and then the caller writes nothing. Also lets
    /// go of pictures held for it and of anything kept past its time.
    pub fn make(&self, tx: &mut Tx<'_>, now: Timestamp) -> Result<bool, DbError> {
        if !sent_forms::claim(tx, &self.hash, &self.sealed, now)? {
            self.sent_before.store(true, Ordering::SeqCst);
            return Ok(false);
        }
        sent_forms::release(tx, &self.hash)?;
        forget_old_in(tx, now)?;
        Ok(true)
    }

    /// Whether [`Claim::make`] found the form sent already.
    pub fn sent_before(&self) -> bool {
        self.sent_before.load(Ordering::SeqCst)
    }
}

fn forget_old_in(tx: &mut Tx<'_>, now: Timestamp) -> Result<usize, DbError> {
    sent_forms::forget_old(
        tx,
        now.plus(-RECEIPT_SHOWN_FOR),
        now.plus(-FORMS_REMEMBERED_FOR),
        now.plus(-PICTURES_HELD_FOR),
    )
}

/// Wipes receipts, sent forms and held pictures kept past their time (the purge runs it;
/// every new report does too).
pub fn forget_old(conn: &mut Conn<'_>, ctx: &Context) -> Result<usize, DbError> {
    let now = ctx.now();
    conn.write(|tx| forget_old_in(tx, now))
}

/// The form with this token as sent before, or `None` if it has not been.
pub fn earlier(
    conn: &mut Conn<'_>,
    ctx: &Context,
    token: &FormToken,
) -> Result<Option<Earlier>, DbError> {
    let hash = token.lookup_hash(&ctx.server_key);
    let Some((sealed, sent_at)) = sent_forms::find(conn.db(), &hash)? else {
        return Ok(None);
    };
    // A row past its few minutes may hold the code until the next clean-up: it is shown
    // only within them.
    let receipt = sealed
        .filter(|_| ctx.now().since(sent_at) <= RECEIPT_SHOWN_FOR)
        .and_then(|sealed| Receipt::open(&token.sealing_key(), &sealed));
    Ok(Some(receipt.map_or(Earlier::Forgotten, Earlier::Receipt)))
}

fn picture_context(position: usize) -> Vec<u8> {
    format!("confide/held-picture/v1/{position}").into_bytes()
}

/// Holds cleaned pictures for this form, sealed, instead of any held before.
pub fn hold_pictures(
    conn: &mut Conn<'_>,
    ctx: &Context,
    token: &FormToken,
    pictures: &[Clean],
) -> Result<(), DbError> {
    let key = token.sealing_key();
    let sealed: Vec<Vec<u8>> = pictures
        .iter()
        .enumerate()
        .map(|(i, p)| key.seal(&picture_context(i), &encode(p)))
        .collect();
    let hash = token.lookup_hash(&ctx.server_key);
    let now = ctx.now();
    conn.write(|tx| sent_forms::hold(tx, &hash, &sealed, now))
}

/// Lets go of any pictures held for this form: its report is of a kind that takes none.
pub fn let_go_of_pictures(
    conn: &mut Conn<'_>,
    ctx: &Context,
    token: &FormToken,
) -> Result<(), DbError> {
    hold_pictures(conn, ctx, token, &[])
}

/// The pictures held for this form within their time, in the order chosen.
pub fn held_pictures(
    conn: &mut Conn<'_>,
    ctx: &Context,
    token: &FormToken,
) -> Result<Vec<Clean>, DbError> {
    let hash = token.lookup_hash(&ctx.server_key);
    let since = ctx.now().plus(-PICTURES_HELD_FOR);
    let key = token.sealing_key();
    Ok(sent_forms::held(conn.db(), &hash, since)?
        .iter()
        .enumerate()
        .filter_map(|(i, sealed)| {
            let plain = key.open(&picture_context(i), sealed).ok()?;
            decode(&plain)
        })
        .collect())
}

/// A cleaned picture as bytes: its kind, size, then the picture and thumbnail, each
/// prefixed by its length.
fn encode(picture: &Clean) -> Zeroizing<Vec<u8>> {
    let mut out = Zeroizing::new(Vec::with_capacity(
        picture.bytes.len() + picture.thumbnail.len() + 64,
    ));
    for part in [
        picture.media_type.as_bytes(),
        &picture.bytes,
        &picture.thumbnail,
    ] {
        out.extend_from_slice(&u32::try_from(part.len()).unwrap_or(u32::MAX).to_le_bytes());
        out.extend_from_slice(part);
    }
    out.extend_from_slice(&picture.width.to_le_bytes());
    out.extend_from_slice(&picture.height.to_le_bytes());
    out
}

fn decode(mut bytes: &[u8]) -> Option<Clean> {
    let mut take = |n: usize| -> Option<&[u8]> {
        let (head, rest) = (bytes.get(..n)?, bytes.get(n..)?);
        bytes = rest;
        Some(head)
    };
    let mut parts = Vec::with_capacity(3);
    for _ in 0..3 {
        let len = u32::from_le_bytes(take(4)?.try_into().ok()?);
        parts.push(take(usize::try_from(len).ok()?)?.to_vec());
    }
    let width = u32::from_le_bytes(take(4)?.try_into().ok()?);
    let height = u32::from_le_bytes(take(4)?.try_into().ok()?);
    let media_type = ["image/png", "image/jpeg", "image/webp"]
        .into_iter()
        .find(|kind| kind.as_bytes() == parts[0].as_slice())?;
    let thumbnail = parts.pop()?;
    let picture = parts.pop()?;
    Some(Clean {
        media_type,
        bytes: picture,
        width,
        height,
        thumbnail,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_receipt_opens_only_with_its_own_token() {
        let token = FormToken::generate();
        let receipt = Receipt {
            code: ReceiptCode::generate(),
            cover: Some(Cover::NobodyUntil(Timestamp::from_secs(1_800_000_000))),
            pictures: 3,
            no_pictures_kind: false,
            pictures_refused: true,
        };
        let sealed = receipt.seal(&token.sealing_key());
        let grouped = receipt.code.grouped();
        assert!(!sealed
            .windows(grouped.len())
            .any(|w| w == grouped.as_bytes()));
        let opened = Receipt::open(&token.sealing_key(), &sealed).unwrap();
        assert_eq!(opened.code, receipt.code);
        assert_eq!(opened.cover, receipt.cover);
        for cover in [None, Some(Cover::InHours), Some(Cover::OnCall)] {
            assert_eq!(cover_from(&cover_text(cover)), cover);
        }
        assert_eq!(opened.pictures, 3);
        assert!(!opened.no_pictures_kind && opened.pictures_refused);
        assert!(Receipt::open(&FormToken::generate().sealing_key(), &sealed).is_none());
    }

    #[test]
    fn a_held_picture_comes_back_as_it_went() {
        let picture = Clean {
            media_type: "image/jpeg",
            bytes: vec![1, 2, 3, 4, 5],
            width: 640,
            height: 480,
            thumbnail: vec![9, 8],
        };
        let back = decode(&encode(&picture)).unwrap();
        assert_eq!(back.media_type, "image/jpeg");
        assert_eq!(back.bytes, picture.bytes);
        assert_eq!(back.thumbnail, picture.thumbnail);
        assert_eq!((back.width, back.height), (640, 480));
        assert!(decode(&encode(&picture)[..10]).is_none());
    }
}
