//! Pupil report routes: the form, the "in danger now" step, sending, and the receipt.
//!
//! Every page of one report carries the form's one-time token (see `app::sending`): the
//! first request that sends it stores the report, and a replay (a reload of the receipt, a
//! double click, Back and send again) shows the same receipt and stores nothing. Pictures
//! chosen on a page that does not send yet (the "in danger now" step, a form with a
//! mistake) are held sealed for the token and sent with the report.
//!
//! A report of a kind that takes no pictures (a nude picture of the pupil) keeps none: any
//! picture sent with it, in whatever order the form's parts came, is dropped once the
//! whole form is read, before anything is held or stored, and the pupil is told.

use actix_web::http::StatusCode;
use actix_web::web::{self, ServiceConfig};
use actix_web::{HttpRequest, HttpResponse};

use super::error::AppError;
use super::language::Place;
use super::respond::{html_for, html_response};
use super::state::AppState;
use crate::app::pictures::MAX_PICTURES;
use crate::app::pupil;
use crate::app::sending::{self, Earlier, Receipt};
use crate::crypto::form_token::FormToken;
use crate::domain::choices::Category;
use crate::domain::msg::FieldError;
use crate::domain::report::{self as form, NextPage, ReportInput, ValidReport};
use crate::domain::school::SchoolSlug;
use crate::images::{Clean, Refusal};
use crate::store::schools::School;
use crate::views;
use crate::web::upload::{PictureProblem, PostedForm, Upload};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(
        web::resource("/s/{school}/report")
            .route(web::get().to(show_form))
            .route(web::post().to(send)),
    );
}

async fn find_school(state: &AppState, slug: &str) -> Result<School, AppError> {
    let slug = SchoolSlug::parse(slug).map_err(|_| AppError::NotFound)?;
    state
        .run(move |conn, _| pupil::find_school(conn, &slug))
        .await?
        .ok_or(AppError::NotFound)
}

/// A link straight to the form with its kind chosen (`?kind=nude_image`).
#[derive(serde::Deserialize)]
struct Entry {
    kind: Option<String>,
}

async fn show_form(
    state: web::Data<AppState>,
    req: HttpRequest,
    entry: web::Query<Entry>,
) -> Result<HttpResponse, AppError> {
    let school = find_school(&state, req.match_info().get("school").unwrap_or_default()).await?;
    let place = Place::of(&req, &state.catalogues);
    let mut input = ReportInput::default();
    input.submission = Some(FormToken::generate().as_str().to_owned());
    let kind = entry.kind.as_deref().and_then(Category::parse);
    input.category = kind.map(|k| k.as_str().to_owned());
    Ok(html_response(
        StatusCode::OK,
        views::report::form(&state.chrome(&place), &school, &input, &[]),
    ))
}

/// The form again, as the pupil left it, with these problems.
async fn form_again(
    req: &HttpRequest,
    state: &AppState,
    slug: &str,
    status: StatusCode,
    input: &ReportInput,
    errors: &[FieldError],
) -> Result<HttpResponse, AppError> {
    let school = find_school(state, slug).await?;
    let place = Place::of(req, &state.catalogues);
    Ok(html_for(
        req,
        status,
        views::report::form(&state.chrome(&place), &school, input, errors),
    ))
}

async fn send(
    req: HttpRequest,
    state: web::Data<AppState>,
    posted: PostedForm<ReportInput>,
) -> Result<HttpResponse, AppError> {
    let slug = req
        .match_info()
        .get("school")
        .unwrap_or_default()
        .to_owned();
    let PostedForm {
        fields: mut input,
        mut uploads,
        mut problem,
        mut turn,
    } = posted;
    let sent_token = FormToken::parse(ReportInput::value(&input.submission));
    // Every page shown again carries the token (a new one for a form that had none).
    let token = sent_token.clone().unwrap_or_else(FormToken::generate);
    input.submission = Some(token.as_str().to_owned());
    if input.takes_no_pictures() {
        let held = input.held(MAX_PICTURES) > 0;
        if !uploads.is_empty() || problem.is_some() || held {
            input.pictures_refused = Some("yes".to_owned());
        }
        // Dropped (and wiped) here, before any page holds or stores them.
        uploads.clear();
        (problem, turn) = (None, None);
        input.held_pictures = None;
        if held {
            let held_for = token.clone();
            state
                .run(move |conn, ctx| sending::let_go_of_pictures(conn, ctx, &held_for))
                .await?;
        }
    }
    // The usual case (a valid report) takes one trip to the database thread: find the
    // school and store the report together.
    let report = match (form::next_page(&input), problem) {
        (NextPage::Send(report), None) => report,
        (next, problem) => {
            let pending = Pending {
                input,
                next,
                uploads,
                problem,
            };
            return not_sent_yet(&req, &state, &slug, pending, token).await;
        }
    };
    if state.limits.check_report(&req).is_err() {
        return busy(&req, &state, &slug, &input, sent_token.as_ref()).await;
    }
    let held = input.held(MAX_PICTURES);
    let (pictures, lost) = match to_send(&state, uploads, sent_token.as_ref(), held).await? {
        Ok(found) => found,
        Err(refusal) => {
            let errors = [FieldError::new("pictures", refusal.msg())];
            let status = refusal_status(refusal);
            return form_again(&req, &state, &slug, status, &input, &errors).await;
        }
    };
    drop(turn);
    let going = Going {
        pictures,
        lost,
        refused: input.pictures_were_refused(),
    };
    store(&req, &state, &slug, report, going, sent_token).await
}

/// Too many reports from one address: a replay gets its receipt; a new report keeps
/// every word and the pupil is asked to wait (many pupils share a school's address).
async fn busy(
    req: &HttpRequest,
    state: &AppState,
    slug: &str,
    input: &ReportInput,
    sent_token: Option<&FormToken>,
) -> Result<HttpResponse, AppError> {
    if let Some(page) = shown_before(req, state, slug, sent_token).await? {
        return Ok(page);
    }
    let status = StatusCode::TOO_MANY_REQUESTS;
    form_again(req, state, slug, status, input, &[form::BUSY]).await
}

/// The pictures going with a report: those to store, how many held ones were lost, and
/// whether any were dropped because its kind takes none.
struct Going {
    pictures: Vec<Clean>,
    lost: usize,
    refused: bool,
}

/// Stores the report and shows its receipt, or, for a form stored already, that one's.
async fn store(
    req: &HttpRequest,
    state: &AppState,
    slug: &str,
    report: ValidReport,
    going: Going,
    token: Option<FormToken>,
) -> Result<HttpResponse, AppError> {
    let Going {
        pictures,
        lost,
        refused,
    } = going;
    let school_slug = SchoolSlug::parse(slug).map_err(|_| AppError::NotFound)?;
    let no_pictures_kind = report.category.forbids_pictures();
    let pictures_refused = refused;
    let once = token.clone();
    let language = Place::of(req, &state.catalogues).lang;
    let submitted = state
        .run(move |conn, ctx| {
            let form = pupil::Form {
                token: once.as_ref(),
                language,
                pictures_refused,
                door: pupil::Door::Pupil,
            };
            pupil::submit_once(conn, ctx, &school_slug, &report, &pictures, form)
        })
        .await?;
    let Some(submitted) = submitted else {
        return shown_before(req, state, slug, token.as_ref())
            .await?
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("a sent form was forgotten")));
    };
    state.mail_waker.wake();
    let receipt = Receipt {
        pictures: submitted.pictures,
        code: submitted.receipt,
        cover: submitted.cover,
        no_pictures_kind,
        pictures_refused,
    };
    let place = Place::of(req, &state.catalogues);
    Ok(html_for(
        req,
        StatusCode::OK,
        views::report::sent(&state.chrome(&place), &submitted.school, &receipt, lost),
    ))
}

/// The receipt of a form sent before with this token, or `None` if it was not.
async fn shown_before(
    req: &HttpRequest,
    state: &AppState,
    slug: &str,
    token: Option<&FormToken>,
) -> Result<Option<HttpResponse>, AppError> {
    let Some(token) = token.cloned() else {
        return Ok(None);
    };
    let earlier = state
        .run(move |conn, ctx| sending::earlier(conn, ctx, &token))
        .await?;
    let Some(earlier) = earlier else {
        return Ok(None);
    };
    let school = find_school(state, slug).await?;
    let place = Place::of(req, &state.catalogues);
    let chrome = state.chrome(&place);
    let page = match earlier {
        Earlier::Receipt(receipt) => views::report::sent(&chrome, &school, &receipt, 0),
        Earlier::Forgotten => views::report::already_sent(&chrome, &school),
    };
    Ok(Some(html_for(req, StatusCode::OK, page)))
}

/// The pictures to send: those chosen now, or else those held for the form from an
/// earlier page, and how many of the `held` it expected are gone (held too long).
async fn to_send(
    state: &AppState,
    uploads: Vec<Upload>,
    token: Option<&FormToken>,
    held: usize,
) -> Result<Result<(Vec<Clean>, usize), Refusal>, AppError> {
    if !uploads.is_empty() || held == 0 {
        return Ok(clean(state, uploads).await?.map(|pictures| (pictures, 0)));
    }
    let Some(token) = token.cloned() else {
        return Ok(Ok((Vec::new(), held)));
    };
    let pictures = state
        .run(move |conn, ctx| sending::held_pictures(conn, ctx, &token))
        .await?;
    let lost = held.saturating_sub(pictures.len());
    Ok(Ok((pictures, lost)))
}

/// A request that does not send the report yet.
struct Pending {
    input: ReportInput,
    /// Where the form would go, were its pictures fine.
    next: NextPage,
    uploads: Vec<Upload>,
    problem: Option<PictureProblem>,
}

/// A page before sending: the form with its problems, the form again from the danger
/// page, or the danger page. Pictures chosen on it are cleaned and held for the form,
/// so they are neither lost nor chosen again.
async fn not_sent_yet(
    req: &HttpRequest,
    state: &AppState,
    slug: &str,
    pending: Pending,
    token: FormToken,
) -> Result<HttpResponse, AppError> {
    let Pending {
        mut input,
        next,
        uploads,
        problem,
    } = pending;
    let (mut errors, danger) = match next {
        NextPage::Form(errors) => (errors, false),
        NextPage::Danger => (Vec::new(), true),
        NextPage::Send(_) => (Vec::new(), false),
    };
    let mut status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    if let Some(problem) = problem {
        errors.push(FieldError::new("pictures", problem.msg));
        status = if status == StatusCode::OK {
            problem.status
        } else {
            status
        };
    } else if !uploads.is_empty() {
        match clean(state, uploads).await? {
            Ok(pictures) => {
                let count = pictures.len();
                state
                    .run(move |conn, ctx| sending::hold_pictures(conn, ctx, &token, &pictures))
                    .await?;
                input.held_pictures = Some(count.to_string());
            }
            Err(refusal) => {
                errors.push(FieldError::new("pictures", refusal.msg()));
                if status == StatusCode::OK {
                    status = refusal_status(refusal);
                }
            }
        }
    }
    let school = find_school(state, slug).await?;
    let place = Place::of(req, &state.catalogues);
    let chrome = state.chrome(&place);
    // The danger page only when nothing on the form needs changing.
    let page = if danger && errors.is_empty() {
        views::report::in_danger(&chrome, &school, &input)
    } else {
        views::report::form(&chrome, &school, &input, &errors)
    };
    Ok(html_for(req, status, page))
}

/// Makes every picture anew from its pixels, on the blocking pool (it is heavy work).
pub async fn clean(
    state: &AppState,
    uploads: Vec<Upload>,
) -> Result<Result<Vec<Clean>, Refusal>, AppError> {
    if uploads.is_empty() {
        return Ok(Ok(Vec::new()));
    }
    let pictures = uploads.into_iter().map(|u| (u.bytes, u.declared)).collect();
    state
        .cleaner
        .clean(pictures)
        .await
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("the picture cleaner has stopped")))
}

/// The status of a refused picture: the wrong kind of file, or one that cannot be used.
pub fn refusal_status(refusal: Refusal) -> StatusCode {
    match refusal {
        Refusal::Heic | Refusal::NotAPicture | Refusal::Mismatch => {
            StatusCode::UNSUPPORTED_MEDIA_TYPE
        }
        Refusal::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        Refusal::Unreadable | Refusal::Empty => StatusCode::BAD_REQUEST,
    }
}
