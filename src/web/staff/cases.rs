//! The queue and the case page, and every change staff make to a case.

use actix_web::http::{header, StatusCode};
use actix_web::web::{self, ServiceConfig};
use actix_web::HttpResponse;
use serde::Deserialize;

use super::{with_viewer, Staff};
use crate::error::AppError;
use crate::reports::choices::{Category, Outcome, Risk, Status};
use crate::reports::form::FieldError;
use crate::schools::{self, School};
use crate::triage::case::{self, Change, Refused};
use crate::triage::queue::{self, Cursor, QueueFilter, RiskFilter, StatusFilter};
use crate::views;
use crate::web::{html_response, AppState};

/// Rows per page of the queue.
pub const PAGE_SIZE: i64 = 50;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.route("/staff", web::get().to(show_queue))
        .route("/staff/reports/{id}", web::get().to(show_case))
        .route("/staff/reports/{id}/{change}", web::post().to(change));
}

#[derive(Deserialize, Default)]
struct QueueQuery {
    school: Option<String>,
    status: Option<String>,
    category: Option<String>,
    risk: Option<String>,
    mine: Option<String>,
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
        ] {
            if let Some(value) = value.as_deref().filter(|v| !v.is_empty()) {
                pairs.push(format!("{key}={}", url_encode(value)));
            }
        }
        pairs.push(format!("after={}", url_encode(&cursor.encode())));
        format!("/staff?{}", pairs.join("&"))
    }
}

fn url_encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The schools a person holds any role at.
fn my_schools(conn: &mut crate::db::DbConnection, user_id: i64) -> Result<Vec<School>, AppError> {
    use crate::db::schema::school_roles;
    use diesel::prelude::*;
    let ids: Vec<i64> = school_roles::table
        .filter(school_roles::user_id.eq(user_id))
        .select(school_roles::school_id)
        .distinct()
        .load(conn)?;
    let mut all = schools::list(conn)?;
    all.retain(|s| ids.contains(&s.id));
    Ok(all)
}

async fn show_queue(
    state: web::Data<AppState>,
    staff: Staff,
    query: web::Query<QueueQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let filter = query.filter();
    let after = query.after.as_deref().and_then(Cursor::decode);
    let user_id = staff.0.user.id;
    let run_filter = filter.clone();
    let (schools, page, awaiting) = crate::db::run(&state.pool, move |conn| {
        Ok((
            my_schools(conn, user_id)?,
            queue::fetch(conn, user_id, &run_filter, after.as_ref(), PAGE_SIZE)?,
            queue::awaiting_keys(conn, user_id)?,
        ))
    })
    .await?;
    let next = page.next.as_ref().map(|c| query.next_link(c));
    let now = crate::db::now();
    Ok(html_response(
        StatusCode::OK,
        with_viewer(&staff, |v| {
            views::staff::queue(
                &state.site,
                v,
                views::staff::QueueView {
                    schools: &schools,
                    filter: &filter,
                    page: &page,
                    next_link: next,
                    awaiting,
                    now,
                },
            )
        }),
    ))
}

async fn render_case(
    state: &AppState,
    staff: &Staff,
    report_id: String,
    errors: &[FieldError],
) -> Result<HttpResponse, AppError> {
    let actor = staff.actor();
    let key = staff.0.private_key.clone();
    let opened = crate::db::run(&state.pool, move |conn| {
        case::open(conn, &actor, &key, &report_id)
    })
    .await?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    Ok(html_response(
        status,
        with_viewer(staff, |v| {
            views::staff::case(&state.site, v, &opened, errors, staff.0.user.id)
        }),
    ))
}

async fn show_case(
    state: web::Data<AppState>,
    staff: Staff,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    render_case(&state, &staff, id.into_inner(), &[]).await
}

#[derive(Deserialize)]
struct ChangeForm {
    csrf: Option<String>,
    risk: Option<String>,
    status: Option<String>,
    outcome: Option<String>,
    owner: Option<String>,
    text: Option<String>,
}

impl ChangeForm {
    fn parse(&self, change: &str) -> Result<Change, Refused> {
        let v = |o: &Option<String>| o.clone().unwrap_or_default();
        Ok(match change {
            "acknowledge" => Change::Acknowledge,
            "risk" => Change::SetRisk(Risk::parse(&v(&self.risk))),
            "status" => Change::SetStatus(
                Status::parse(&v(&self.status)).ok_or(Refused("Choose a status"))?,
                Outcome::parse(&v(&self.outcome)),
            ),
            "owner" => Change::Assign(v(&self.owner).parse().ok()),
            "notes" => Change::Note(v(&self.text)),
            "replies" => Change::Reply(v(&self.text)),
            _ => return Err(Refused("")),
        })
    }
}

async fn change(
    state: web::Data<AppState>,
    staff: Staff,
    path: web::Path<(String, String)>,
    form: web::Form<ChangeForm>,
) -> Result<HttpResponse, AppError> {
    staff.check_csrf(form.csrf.as_deref().unwrap_or_default())?;
    let (report_id, what) = path.into_inner();
    let change = match form.parse(&what) {
        Ok(change) => change,
        Err(Refused("")) => return Err(AppError::NotFound),
        Err(Refused(message)) => {
            return render_case(
                &state,
                &staff,
                report_id,
                &[FieldError {
                    field: "status",
                    message,
                }],
            )
            .await
        }
    };
    let actor = staff.actor();
    let key = staff.0.private_key.clone();
    let id = report_id.clone();
    let applied = crate::db::run(&state.pool, move |conn| {
        case::apply(conn, &actor, &key, &id, change)
    })
    .await?;
    match applied {
        // Post/redirect/get: a refresh never repeats the change.
        Ok(()) => Ok(HttpResponse::SeeOther()
            .insert_header((header::LOCATION, format!("/staff/reports/{report_id}")))
            .finish()),
        Err(Refused(message)) => {
            let field = match what.as_str() {
                "notes" => "note",
                "replies" => "reply",
                _ => "status",
            };
            render_case(&state, &staff, report_id, &[FieldError { field, message }]).await
        }
    }
}
