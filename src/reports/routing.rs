//! Who a report goes to, from who it is about and who holds which role (DESIGN.md "Routing").

use std::collections::BTreeSet;

use super::choices::About;
use crate::accounts::roles::{Role, RoleHolder};

/// The user ids a report is sealed for.
///
/// - A normal report: SSP officers and nominated staff.
/// - About an adult at the school: the head teacher and SSP officers, never nominated
///   staff (KCSIE: allegations go to the head). A head who is also the nominated
///   staff member receives it as head.
/// - About the head teacher: the chair of governors and SSP officers, never anyone
///   holding the head teacher role, whatever other role they also hold.
pub fn recipients(about: About, holders: &[RoleHolder]) -> BTreeSet<i64> {
    let holds = |user_id: i64, role: Role| {
        holders
            .iter()
            .any(|h| h.user_id == user_id && h.role == role)
    };
    holders
        .iter()
        .filter(|h| match about {
            About::NoStaff => matches!(h.role, Role::SspOfficer | Role::NominatedStaff),
            About::Staff => match h.role {
                Role::HeadTeacher => true,
                Role::SspOfficer => !holds(h.user_id, Role::NominatedStaff),
                Role::NominatedStaff | Role::ChairOfGovernors => false,
            },
            About::HeadTeacher => {
                matches!(h.role, Role::ChairOfGovernors | Role::SspOfficer)
                    && !holds(h.user_id, Role::HeadTeacher)
            }
        })
        .map(|h| h.user_id)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn holder(user_id: i64, role: Role) -> RoleHolder {
        RoleHolder {
            user_id,
            name: format!("user {user_id}"),
            email: format!("u{user_id}@school.uk"),
            role,
            public_key: vec![],
            notify_digest: false,
            disabled: false,
            keys_complete: true,
        }
    }

    const OFFICER: i64 = 1;
    const DEPUTY: i64 = 2;
    const HEAD: i64 = 3;
    const CHAIR: i64 = 4;

    fn school() -> Vec<RoleHolder> {
        vec![
            holder(OFFICER, Role::SspOfficer),
            holder(DEPUTY, Role::NominatedStaff),
            holder(HEAD, Role::HeadTeacher),
            holder(CHAIR, Role::ChairOfGovernors),
        ]
    }

    fn ids(v: &[i64]) -> BTreeSet<i64> {
        v.iter().copied().collect()
    }

    #[test]
    fn a_normal_report_goes_to_the_officer_and_nominated_staff() {
        assert_eq!(
            recipients(About::NoStaff, &school()),
            ids(&[OFFICER, DEPUTY])
        );
    }

    #[test]
    fn a_report_about_staff_goes_to_the_head_and_officer_not_nominated_staff() {
        assert_eq!(recipients(About::Staff, &school()), ids(&[OFFICER, HEAD]));
    }

    #[test]
    fn a_report_about_the_head_goes_to_the_chair_and_officer_never_the_head() {
        assert_eq!(
            recipients(About::HeadTeacher, &school()),
            ids(&[OFFICER, CHAIR])
        );
    }

    #[test]
    fn a_head_who_is_also_an_officer_never_gets_a_report_about_the_head() {
        let mut holders = school();
        holders.push(holder(HEAD, Role::SspOfficer));
        assert!(!recipients(About::HeadTeacher, &holders).contains(&HEAD));
    }

    #[test]
    fn a_head_who_is_also_nominated_staff_gets_staff_allegations_as_head() {
        let holders = vec![
            holder(HEAD, Role::HeadTeacher),
            holder(HEAD, Role::NominatedStaff),
        ];
        assert_eq!(recipients(About::Staff, &holders), ids(&[HEAD]));
    }

    #[test]
    fn a_nominated_staff_member_who_is_also_an_officer_still_gets_no_staff_allegations() {
        let holders = vec![
            holder(DEPUTY, Role::NominatedStaff),
            holder(DEPUTY, Role::SspOfficer),
        ];
        assert!(recipients(About::Staff, &holders).is_empty());
    }

    #[test]
    fn a_school_with_nobody_routes_to_nobody() {
        assert!(recipients(About::NoStaff, &[]).is_empty());
        assert!(recipients(About::HeadTeacher, &[holder(HEAD, Role::HeadTeacher)]).is_empty());
    }
}
