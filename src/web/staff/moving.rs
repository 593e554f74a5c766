//! `/staff/reports/{id}/move`: a recipient moves a report sent to the wrong school of
//! their cluster to the right one.

use actix_web::web::{self, ServiceConfig};
use actix_web::HttpResponse;
use serde::Deserialize;

use super::cases::{render_case, report_id};
use crate::app::cases::CaseError;
use crate::app::moving;
use crate::domain::ids::SchoolId;
use crate::domain::msg::{FieldError, Msg};
use crate::web::error::AppError;
use crate::web::extract::{CsrfForm, StaffSession};
use crate::web::respond::see_other;
use crate::web::state::AppState;

/// Registered before the case's other changes, whose route would take "move" too.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.route("/staff/reports/{id}/move", web::post().to(move_report));
}

#[derive(Deserialize)]
struct MoveForm {
    school: Option<String>,
}

async fn move_report(
    state: web::Data<AppState>,
    staff: StaffSession,
    id: web::Path<String>,
    form: CsrfForm<MoveForm>,
) -> Result<HttpResponse, AppError> {
    let id = report_id(&id)?;
    let chosen = form
        .0
        .school
        .as_deref()
        .and_then(|s| s.parse::<SchoolId>().ok());
    let refused = |msg| [FieldError::new("move-school", msg)];
    let Some(to) = chosen else {
        let errors = refused(Msg::ChooseSchoolToMoveTo);
        return render_case(&state, &staff, id, &errors, None, None).await;
    };
    let person = staff.person().clone();
    let target = id.clone();
    let moved = state
        .run(move |conn, ctx| moving::move_report(conn, ctx, &person, &target, to))
        .await;
    match moved {
        Ok(moved) => {
            state.mail_waker.wake();
            // Post/redirect/get; someone the new school's rules do not send it to has it
            // no more, and goes back to their queue.
            Ok(if moved.still_reads {
                see_other(&format!("/staff/reports/{id}?done=move"))
            } else {
                see_other("/staff")
            })
        }
        Err(CaseError::Refused(msg)) => {
            render_case(&state, &staff, id, &refused(msg), None, None).await
        }
        // The code again, then back to the case to move it.
        Err(CaseError::StepUp(_)) => Err(AppError::StepUpRequired(format!("/staff/reports/{id}"))),
        Err(other) => Err(other.into()),
    }
}
