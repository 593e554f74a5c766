//! The queue and the case page, and every change staff make to a case.

use actix_web::http::StatusCode;
use actix_web::web::{self, ServiceConfig};
use actix_web::HttpResponse;
use serde::Deserialize;

use crate::app::cases::{self, CaseError};
use crate::app::{incidents, pictures, retention};
use crate::domain::choices::{Category, HoldReason, Outcome, ReplySlot, Risk, Status};
use crate::domain::ids::{PictureId, ReportId, UserId};
use crate::domain::msg::{FieldError, Msg};
use crate::store::queue::{Cursor, QueueFilter, RiskFilter, StatusFilter};
use crate::views;
use crate::web::error::AppError;
use crate::web::extract::{with_viewer, CsrfForm, StaffSession};
use crate::web::respond::{html_response, see_other};
use crate::web::state::AppState;
use actix_web::http::header;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.route("/staff", web::get().to(show_queue))
        .route("/staff/reports/{id}", web::get().to(show_case))
        .service(
            web::resource("/staff/reports/{id}/handoff")
                .route(web::get().to(confirm_hand_off))
                .route(web::post().to(make_hand_off)),
        )
        .route("/staff/reports/{id}/{change}", web::post().to(change))
        .route(
            "/staff/reports/{id}/pictures/{picture}",
            web::get().to(show_picture),
        )
        .route(
            "/staff/reports/{id}/pictures/{picture}/thumbnail",
            web::get().to(show_thumbnail),
        );
}

#[derive(Deserialize, Default)]
struct QueueQuery {
    school: Option<String>,
    status: Option<String>,
    category: Option<String>,
    risk: Option<String>,
    mine: Option<String>,
    new: Option<String>,
    after: Option<String>,
}

impl QueueQuery {
    fn filter(&self) -> QueueFilter {
        let v = |o: &Option<String>| o.clone().unwrap_or_default();
        QueueFilter {
            school_id: v(&self.school).parse().ok(),
            status: StatusFilter::parse(&v(&self.status)).unwrap_or_default(),
            category: Category::parse(&v(&self.category)),
            risk: match v(&self.risk).as_str() {
                "unrated" => Some(RiskFilter::Unrated),
                other => Risk::parse(other).map(RiskFilter::Rated),
            },
            mine: self.mine.is_some(),
            new_messages: self.new.is_some(),
        }
    }

    /// The same filters with a new cursor, for the "Next page" link.
    fn next_link(&self, cursor: &Cursor) -> String {
        let mut pairs = Vec::new();
        for (key, value) in [
            ("school", &self.school),
            ("status", &self.status),
            ("category", &self.category),
            ("risk", &self.risk),
            ("mine", &self.mine),
            ("new", &self.new),
        ] {
            if let Some(value) = value.as_deref().filter(|v| !v.is_empty()) {
                pairs.push((key, value));
            }
        }
        let cursor = cursor.encode();
        pairs.push(("after", &cursor));
        format!(
            "/staff?{}",
            serde_urlencoded::to_string(&pairs).unwrap_or_default()
        )
    }
}

async fn show_queue(
    state: web::Data<AppState>,
    staff: StaffSession,
    query: web::Query<QueueQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let filter = query.filter();
    let after = query.after.as_deref().and_then(Cursor::decode);
    let person = staff.person().clone();
    let run_filter = filter.clone();
    let screen = state
        .run(move |conn, ctx| {
            crate::app::queue::queue(conn, ctx, &person, &run_filter, after.as_ref())
        })
        .await?;
    // An administrator who receives no school's reports has no queue: their work is there.
    if staff.person().user.is_admin && screen.schools.is_empty() {
        return Ok(see_other("/staff/admin"));
    }
    let next = screen.page.next.as_ref().map(|c| query.next_link(c));
    Ok(html_response(
        StatusCode::OK,
        with_viewer(&staff.0, |v| {
            views::queue::queue(&state.site, v, &screen, &filter, next)
        }),
    ))
}

pub(super) fn report_id(raw: &str) -> Result<ReportId, AppError> {
    ReportId::parse(raw).ok_or(AppError::NotFound)
}

pub(super) async fn render_case(
    state: &AppState,
    staff: &StaffSession,
    id: ReportId,
    errors: &[FieldError],
    notice: Option<&str>,
    chosen: Option<ReplySlot>,
) -> Result<HttpResponse, AppError> {
    let person = staff.person().clone();
    let back_here = format!("/staff/reports/{id}");
    let opened = state
        .run(move |conn, ctx| cases::open(conn, ctx, &person, &id))
        .await
        .map_err(|err| match err {
            CaseError::StepUp(_) => AppError::StepUpRequired(back_here),
            other => other.into(),
        })?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    Ok(html_response(
        status,
        with_viewer(&staff.0, |v| {
            views::case::case(
                &state.site,
                v,
                &opened,
                errors,
                staff.person().id(),
                notice,
                chosen,
            )
        }),
    ))
}

#[derive(Deserialize)]
struct DoneQuery {
    /// The change just made, for the banner that says so.
    done: Option<String>,
    /// A reply template to fill the reply box with.
    template: Option<String>,
}

async fn show_case(
    state: web::Data<AppState>,
    staff: StaffSession,
    id: web::Path<String>,
    query: web::Query<DoneQuery>,
) -> Result<HttpResponse, AppError> {
    let notice = query.done.as_deref().and_then(views::case::done_notice);
    let chosen = query.template.as_deref().and_then(ReplySlot::parse);
    render_case(&state, &staff, report_id(&id)?, &[], notice, chosen).await
}

/// A hand-off's refusal to step up comes back to the page that confirms it.
fn hand_off_error(id: &ReportId) -> impl FnOnce(CaseError) -> AppError {
    let back_here = format!("/staff/reports/{id}/handoff");
    move |err| match err {
        CaseError::StepUp(_) => AppError::StepUpRequired(back_here),
        other => other.into(),
    }
}

/// What the hand-off is, and the button that makes it. A GET opens and records nothing.
async fn confirm_hand_off(
    state: web::Data<AppState>,
    staff: StaffSession,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = report_id(&id)?;
    let person = staff.person().clone();
    let target = id.clone();
    state
        .run(move |conn, ctx| crate::app::handoff::may_hand_off(conn, ctx, &person, &target))
        .await
        .map_err(hand_off_error(&id))?;
    Ok(html_response(
        StatusCode::OK,
        with_viewer(&staff.0, |v| views::handoff::confirm(&state.site, v, &id)),
    ))
}

/// The printable hand-off summary, fingerprinted and recorded before it is sent.
async fn make_hand_off(
    state: web::Data<AppState>,
    staff: StaffSession,
    id: web::Path<String>,
    _: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    use sha2::Digest;
    let id = report_id(&id)?;
    let person = staff.person().clone();
    let target = id.clone();
    let case = state
        .run(move |conn, ctx| crate::app::handoff::hand_off(conn, ctx, &person, &target))
        .await
        .map_err(hand_off_error(&id))?;
    let now = state.ctx.now();
    let content = views::handoff::content(&case, &staff.person().user.name, now);
    let fingerprint = data_encoding::HEXLOWER.encode(&sha2::Sha256::digest(content.0.as_bytes()));
    let person = staff.person().clone();
    let recorded = fingerprint.clone();
    state
        .run(move |conn, ctx| crate::app::handoff::handed_off(conn, ctx, &person, &id, &recorded))
        .await?;
    let mut response = html_response(
        StatusCode::OK,
        with_viewer(&staff.0, |v| {
            views::handoff::page(&state.site, v, &case, content, &fingerprint)
        }),
    );
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    Ok(response)
}

/// A picture itself: never cached, never sniffed, never run, never framed, offered to
/// save under a plain name, and only to someone the report is routed to.
async fn picture(
    state: &AppState,
    staff: StaffSession,
    path: (String, String),
    size: pictures::Size,
) -> Result<HttpResponse, AppError> {
    let (raw_id, raw_picture) = path;
    let id = report_id(&raw_id)?;
    let picture = PictureId::parse(&raw_picture).ok_or(AppError::NotFound)?;
    let person = staff.person().clone();
    let back_here = format!("/staff/reports/{id}");
    let target = id.clone();
    let (media_type, bytes) = state
        .run(move |conn, ctx| pictures::open(conn, ctx, &person, &target, &picture, size))
        .await
        .map_err(|err| match err {
            CaseError::StepUp(_) => AppError::StepUpRequired(back_here),
            other => other.into(),
        })?;
    let extension = if media_type == "image/png" {
        "png"
    } else {
        "jpg"
    };
    Ok(HttpResponse::Ok()
        .content_type(media_type)
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("inline; filename=\"report-picture.{extension}\""),
        ))
        .insert_header((
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; img-src 'self'; sandbox",
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(bytes.to_vec()))
}

async fn show_picture(
    state: web::Data<AppState>,
    staff: StaffSession,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    picture(&state, staff, path.into_inner(), pictures::Size::Full).await
}

async fn show_thumbnail(
    state: web::Data<AppState>,
    staff: StaffSession,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    picture(&state, staff, path.into_inner(), pictures::Size::Thumbnail).await
}

#[derive(Deserialize)]
struct NoFields {}

#[derive(Deserialize)]
struct ChangeForm {
    risk: Option<String>,
    status: Option<String>,
    outcome: Option<String>,
    owner: Option<String>,
    text: Option<String>,
    reason: Option<String>,
    days: Option<String>,
    /// The report to link to this one.
    other: Option<String>,
}

/// A change a recipient asked for, read from the form.
enum Change {
    Acknowledge,
    SetRisk(Option<Risk>),
    SetStatus(Status, Option<Outcome>),
    Assign(Option<UserId>),
    Note(String),
    Reply(String),
    Hold(HoldReason),
    LiftHold,
    KeepLonger(i32),
    Link(ReportId),
    Unlink,
    TalkAnswered,
}

impl ChangeForm {
    /// `None` for a change that does not exist; `Err` for one that cannot be read.
    fn parse(self, change: &str) -> Option<Result<Change, Msg>> {
        let v = |o: Option<String>| o.unwrap_or_default();
        Some(Ok(match change {
            "acknowledge" => Change::Acknowledge,
            "risk" => Change::SetRisk(Risk::parse(&v(self.risk))),
            "status" => match Status::parse(&v(self.status)) {
                Some(status) => Change::SetStatus(status, Outcome::parse(&v(self.outcome))),
                None => return Some(Err(Msg::ChooseStatus)),
            },
            "owner" => Change::Assign(v(self.owner).parse().ok()),
            "notes" => Change::Note(v(self.text)),
            "replies" => Change::Reply(v(self.text)),
            "hold" => match HoldReason::parse(&v(self.reason)) {
                Some(reason) => Change::Hold(reason),
                None => return Some(Err(Msg::ChooseHoldReason)),
            },
            "unhold" => Change::LiftHold,
            "link" => match ReportId::parse(&v(self.other)) {
                Some(other) => Change::Link(other),
                None => return Some(Err(Msg::ChooseReportToLink)),
            },
            "unlink" => Change::Unlink,
            "talked" => Change::TalkAnswered,
            "keep" => match v(self.days).parse::<i32>() {
                Ok(days @ (90 | 365 | 730)) => Change::KeepLonger(days),
                _ => return Some(Err(Msg::RetentionDays)),
            },
            _ => return None,
        }))
    }
}

async fn change(
    state: web::Data<AppState>,
    staff: StaffSession,
    path: web::Path<(String, String)>,
    form: CsrfForm<ChangeForm>,
) -> Result<HttpResponse, AppError> {
    let (raw_id, what) = path.into_inner();
    let id = report_id(&raw_id)?;
    // Where a refusal is shown on the page.
    let field = match what.as_str() {
        "notes" => "note",
        "replies" => "reply",
        "hold" | "unhold" | "keep" => "retention",
        "link" | "unlink" => "other",
        _ => "status",
    };
    let change = match form.0.parse(&what) {
        None => return Err(AppError::NotFound),
        Some(Ok(change)) => change,
        Some(Err(msg)) => {
            return render_case(
                &state,
                &staff,
                id,
                &[FieldError::new(field, msg)],
                None,
                None,
            )
            .await
        }
    };
    let person = staff.person().clone();
    let target = id.clone();
    let applied = state
        .run(move |conn, ctx| {
            let id = &target;
            match change {
                Change::Acknowledge => cases::acknowledge(conn, ctx, &person, id),
                Change::SetRisk(risk) => cases::set_risk(conn, ctx, &person, id, risk),
                Change::SetStatus(status, outcome) => {
                    cases::set_status(conn, ctx, &person, id, status, outcome)
                }
                Change::Assign(owner) => cases::assign(conn, ctx, &person, id, owner),
                Change::Note(text) => cases::add_note(conn, ctx, &person, id, &text),
                Change::Reply(text) => cases::reply(conn, ctx, &person, id, &text),
                Change::Hold(reason) => retention::place_on_hold(conn, ctx, &person, id, reason),
                Change::LiftHold => retention::lift_hold(conn, ctx, &person, id),
                Change::KeepLonger(days) => retention::extend(conn, ctx, &person, id, days),
                Change::Link(other) => incidents::link(conn, ctx, &person, id, &other),
                Change::Unlink => incidents::unlink(conn, ctx, &person, id),
                Change::TalkAnswered => cases::talk_answered(conn, ctx, &person, id),
            }
        })
        .await;
    match applied {
        // Post/redirect/get: a refresh never repeats the change; the banner says what it did.
        Ok(()) => Ok(see_other(&format!("/staff/reports/{id}?done={what}"))),
        Err(CaseError::Refused(msg)) => {
            render_case(
                &state,
                &staff,
                id,
                &[FieldError::new(field, msg)],
                None,
                None,
            )
            .await
        }
        // A closed report: the code again, then back to the case to make the change.
        Err(CaseError::StepUp(_)) => Err(AppError::StepUpRequired(format!("/staff/reports/{id}"))),
        Err(other) => Err(other.into()),
    }
}
