//! Forms that may carry pictures: read as `multipart/form-data` (or as a plain form, for
//! browsers that send no file), streamed, never written to disk, within limits of their
//! own: 5 pictures, 10 MiB each, 25 MiB a request (pupils are told "10 MB" and "25 MB":
//! every file a phone, counting in millions of bytes, or Windows, counting in MiB, shows
//! as smaller than that is taken). When pictures break a limit the rest of the form is
//! still read (its pictures dropped), so the form comes back with every word the pupil
//! typed and the real reason: one picture too big is said as that, not as "all together".

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use actix_multipart::Multipart;
use actix_web::dev::Payload;
use actix_web::http::{header, StatusCode};
use actix_web::{web, FromRequest, HttpRequest};
use futures_util::StreamExt;
use serde::de::DeserializeOwned;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use zeroize::Zeroizing;

use super::error::AppError;
use super::state::AppState;
use crate::app::pictures::MAX_PICTURES;
use crate::domain::msg::Msg;

pub use crate::domain::report::{FILE_MAX, REQUEST_MAX};
/// Past the limits, the rest of a form is still read (and its pictures dropped) up to
/// this, so the fields after the pictures are kept and the answer names the real reason;
/// five 30 MB phone photos fit.
const READ_MAX: usize = 160 * 1024 * 1024;
/// No text field of ours is longer (5,000 characters of four bytes, and then some).
const TEXT_MAX: usize = 64 * 1024;

/// One file as the browser sent it, before anything is done with it. Wiped when dropped.
pub struct Upload {
    pub declared: Option<String>,
    pub bytes: Zeroizing<Vec<u8>>,
}

/// Why the pictures of a form were not taken (its text still was).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PictureProblem {
    pub status: StatusCode,
    pub msg: Msg,
}

/// A posted form, its pictures and any problem with them. While it holds pictures it
/// holds a turn of the picture queue, so only so many are in memory at once.
pub struct PostedForm<T> {
    pub fields: T,
    pub uploads: Vec<Upload>,
    pub problem: Option<PictureProblem>,
    pub turn: Option<OwnedSemaphorePermit>,
}

fn problem(status: StatusCode, msg: Msg) -> Option<PictureProblem> {
    Some(PictureProblem { status, msg })
}

async fn read_multipart(
    req: HttpRequest,
    state: web::Data<AppState>,
    turns: Arc<Semaphore>,
    mut parts: Multipart,
) -> Result<
    (
        Vec<(String, String)>,
        Vec<Upload>,
        Option<PictureProblem>,
        Option<OwnedSemaphorePermit>,
    ),
    AppError,
> {
    let mut fields = Vec::new();
    let mut uploads: Vec<Upload> = Vec::new();
    let mut trouble = None;
    let mut turn = None;
    let mut total = 0usize;
    while let Some(part) = parts.next().await {
        let Ok(mut part) = part else {
            return Err(AppError::BadRequest("unreadable form"));
        };
        let name = part.name().unwrap_or_default().to_owned();
        let file = part
            .content_disposition()
            .and_then(|d| d.get_filename().map(str::to_owned));
        match file {
            None => {
                let mut value = Vec::new();
                while let Some(chunk) = part.next().await {
                    let chunk = chunk.map_err(|_| AppError::BadRequest("unreadable form"))?;
                    total += chunk.len();
                    if value.len() + chunk.len() > TEXT_MAX {
                        return Err(AppError::BadRequest("a text field is too long"));
                    }
                    value.extend_from_slice(&chunk);
                }
                let value =
                    String::from_utf8(value).map_err(|_| AppError::BadRequest("not UTF-8"))?;
                fields.push((name, value));
            }
            Some(filename) => {
                let declared = part.content_type().map(|m| m.essence_str().to_owned());
                let mut bytes = Zeroizing::new(Vec::new());
                let mut refused = trouble.is_some();
                let mut size = 0usize;
                while let Some(chunk) = part.next().await {
                    let chunk = chunk.map_err(|_| AppError::BadRequest("unreadable form"))?;
                    if chunk.is_empty() {
                        continue;
                    }
                    if turn.is_none() && !refused {
                        // A turn of the picture queue, and this client's allowance of uploads.
                        if state.limits.check_upload(&req).is_err() {
                            trouble = problem(StatusCode::TOO_MANY_REQUESTS, Msg::PicturesBusy);
                            refused = true;
                        } else {
                            turn = Some(turns.clone().acquire_owned().await.map_err(|_| {
                                AppError::Internal(anyhow::anyhow!("picture queue closed"))
                            })?);
                        }
                    }
                    size += chunk.len();
                    total += chunk.len();
                    if total > READ_MAX {
                        // Nothing more is read; the fields after the pictures are lost.
                        let _ = (filename, declared);
                        let trouble = trouble
                            .or(problem(StatusCode::PAYLOAD_TOO_LARGE, Msg::PicturesTooMuch));
                        return Ok((fields, Vec::new(), trouble, None));
                    }
                    if let Some(found) = over_limit(size, total, trouble) {
                        trouble = Some(found);
                        refused = true;
                        bytes.clear();
                    }
                    if refused {
                        // Read on (and drop) to the fields after the pictures.
                        continue;
                    }
                    bytes.extend_from_slice(&chunk);
                }
                // A file input left empty sends a part with no name and no bytes.
                if refused || (filename.is_empty() && bytes.is_empty()) {
                    continue;
                }
                if uploads.len() == MAX_PICTURES {
                    trouble = problem(StatusCode::BAD_REQUEST, Msg::PicturesTooMany);
                    continue;
                }
                uploads.push(Upload { declared, bytes });
            }
        }
    }
    if trouble.is_some() {
        uploads.clear();
        turn = None;
    }
    Ok((fields, uploads, trouble, turn))
}

/// The size problem, if any, once a file has `size` bytes and the form `total`: one
/// picture over the limit is named as that, even when the form is over its own limit too
/// (it is the reason to give), and it replaces "all together too big" said earlier.
fn over_limit(
    size: usize,
    total: usize,
    trouble: Option<PictureProblem>,
) -> Option<PictureProblem> {
    let said = trouble.map(|t| t.msg);
    if size > FILE_MAX && said != Some(Msg::PictureTooBig) && said != Some(Msg::PicturesBusy) {
        return problem(StatusCode::PAYLOAD_TOO_LARGE, Msg::PictureTooBig);
    }
    if total > REQUEST_MAX && said.is_none() {
        return problem(StatusCode::PAYLOAD_TOO_LARGE, Msg::PicturesTooMuch);
    }
    None
}

impl<T: DeserializeOwned + 'static> FromRequest for PostedForm<T> {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, actix_web::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let multipart = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("multipart/form-data"));
        if !multipart {
            let form = web::Form::<T>::from_request(req, payload);
            return Box::pin(async move {
                Ok(PostedForm {
                    fields: form.await?.into_inner(),
                    uploads: Vec::new(),
                    problem: None,
                    turn: None,
                })
            });
        }
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let parts = Multipart::new(req.headers(), payload.take());
        let req = req.clone();
        Box::pin(async move {
            let state = state.ok_or_else(|| AppError::Internal(anyhow::anyhow!("no app state")))?;
            let turns = state.picture_turns.clone();
            let (pairs, uploads, problem, turn) = read_multipart(req, state, turns, parts).await?;
            let encoded = serde_urlencoded::to_string(&pairs)
                .map_err(|_| AppError::BadRequest("unreadable form"))?;
            let fields = serde_urlencoded::from_str(&encoded)
                .map_err(|_| AppError::BadRequest("unreadable form"))?;
            Ok(PostedForm {
                fields,
                uploads,
                problem,
                turn,
            })
        })
    }
}
