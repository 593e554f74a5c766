//! `/staff/disclosures/new`: anyone holding a role at a school records what a pupil told
//! them face to face.

use actix_web::http::StatusCode;
use actix_web::web::{self, ServiceConfig};
use actix_web::HttpResponse;
use serde::Deserialize;

use crate::app::disclosures::{self, DisclosureError};
use crate::app::sending::{self, Earlier};
use crate::crypto::form_token::FormToken;
use crate::domain::msg::{FieldError, Msg};
use crate::domain::report::{self, ReportInput};
use crate::store::schools::School;
use crate::views;
use crate::views::disclosures::DisclosureForm;
use crate::web::error::AppError;
use crate::web::extract::{with_viewer, CsrfForm, StaffSession};
use crate::web::respond::html_response;
use crate::web::state::AppState;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.route("/staff/disclosures/new", web::get().to(show))
        .route("/staff/disclosures", web::post().to(record));
}

/// The form as posted: the school, whether to show a paper code, and the report's fields
/// under the same names as the pupil's form.
#[derive(Deserialize)]
struct Posted {
    school: Option<String>,
    paper_receipt: Option<String>,
    #[serde(flatten)]
    report: ReportInput,
}

async fn schools_of(state: &AppState, staff: &StaffSession) -> Result<Vec<School>, AppError> {
    let person = staff.person().clone();
    let schools = state
        .run(move |conn, _| disclosures::schools(conn, &person))
        .await?;
    // Someone with no role at any school has nobody to record a disclosure for.
    if schools.is_empty() {
        return Err(AppError::Forbidden);
    }
    Ok(schools)
}

async fn show(state: web::Data<AppState>, staff: StaffSession) -> Result<HttpResponse, AppError> {
    let schools = schools_of(&state, &staff).await?;
    let only = if schools.len() == 1 {
        schools[0].slug.as_str()
    } else {
        ""
    };
    // A one-time token, so a double click or a refresh records the disclosure once.
    let mut fresh = ReportInput::default();
    fresh.submission = Some(FormToken::generate().as_str().to_owned());
    let shown = DisclosureForm {
        schools: &schools,
        school: only,
        report: &fresh,
        paper_receipt: "",
    };
    Ok(html_response(
        StatusCode::OK,
        with_viewer(&staff.0, |v| {
            views::disclosures::form(&state.site, v, &shown, &[])
        }),
    ))
}

async fn record(
    state: web::Data<AppState>,
    staff: StaffSession,
    form: CsrfForm<Posted>,
) -> Result<HttpResponse, AppError> {
    let mut posted = form.0;
    let token = FormToken::parse(ReportInput::value(&posted.report.submission))
        .unwrap_or_else(FormToken::generate);
    posted.report.submission = Some(token.as_str().to_owned());
    let schools = schools_of(&state, &staff).await?;
    let chosen = ReportInput::value(&posted.school);
    let school = schools.iter().find(|s| s.slug == chosen);
    let paper = ReportInput::value(&posted.paper_receipt);
    let mut errors = Vec::new();
    if school.is_none() {
        errors.push(FieldError::new("school", Msg::ChooseSchool));
    }
    let valid = report::validate(&posted.report)
        .map_err(|e| errors.extend(e))
        .ok();
    let (Some(school), Some(valid), true) = (school, valid, errors.is_empty()) else {
        let shown = DisclosureForm {
            schools: &schools,
            school: chosen,
            report: &posted.report,
            paper_receipt: paper,
        };
        return Ok(html_response(
            StatusCode::BAD_REQUEST,
            with_viewer(&staff.0, |v| {
                views::disclosures::form(&state.site, v, &shown, &errors)
            }),
        ));
    };
    let (person, school_id, paper_receipt) = (staff.person().clone(), school.id, paper == "yes");
    let once = token.clone();
    let recorded = state
        .run(move |conn, ctx| {
            disclosures::record(conn, ctx, &person, school_id, &valid, paper_receipt, &once)
        })
        .await;
    let recorded = match recorded {
        Err(DisclosureError::AlreadyRecorded) => return already(&state, &staff, token).await,
        other => other?,
    };
    state.mail_waker.wake();
    Ok(html_response(
        StatusCode::OK,
        with_viewer(&staff.0, |v| {
            views::disclosures::recorded(&state.site, v, &recorded)
        }),
    ))
}

/// The same form sent again: recorded once, and the paper code (if one was wanted, within
/// its few minutes) shown again, since the first answer may never have been seen.
async fn already(
    state: &AppState,
    staff: &StaffSession,
    token: FormToken,
) -> Result<HttpResponse, AppError> {
    let earlier = state
        .run(move |conn, ctx| sending::earlier(conn, ctx, &token))
        .await?;
    let code = match earlier {
        Some(Earlier::Receipt(receipt)) => Some(receipt.code),
        _ => None,
    };
    Ok(html_response(
        StatusCode::OK,
        with_viewer(&staff.0, |v| {
            views::disclosures::already(&state.site, v, code.as_ref())
        }),
    ))
}

impl From<DisclosureError> for AppError {
    fn from(err: DisclosureError) -> Self {
        match err {
            DisclosureError::NotAtSchool => AppError::Forbidden,
            DisclosureError::AlreadyRecorded => {
                AppError::BadRequest("this disclosure was recorded already")
            }
            DisclosureError::Pupil(err) => err.into(),
            DisclosureError::Db(err) => err.into(),
        }
    }
}
