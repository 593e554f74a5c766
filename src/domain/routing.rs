//! Who a report goes to, from who it is about and who holds which role (docs/design.md
//! "Routing"): pure policy, with no database, so every door applies the same rules.

use std::collections::BTreeSet;

use super::choices::{About, Role};
use super::ids::UserId;

/// One person holding one role at the school.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holding {
    pub user: UserId,
    pub role: Role,
}

fn holds(holdings: &[Holding], user: UserId, role: Role) -> bool {
    holdings.iter().any(|h| h.user == user && h.role == role)
}

/// Whether this holding receives reports about `about`, given everyone's roles.
fn receives(h: &Holding, about: About, holdings: &[Holding]) -> bool {
    match about {
        About::NoStaff => matches!(h.role, Role::SspOfficer | Role::NominatedStaff),
        About::Staff => match h.role {
            Role::HeadTeacher => true,
            Role::SspOfficer => !holds(holdings, h.user, Role::NominatedStaff),
            Role::NominatedStaff | Role::ChairOfGovernors => false,
        },
        About::HeadTeacher => {
            matches!(h.role, Role::ChairOfGovernors | Role::SspOfficer)
                && !holds(holdings, h.user, Role::HeadTeacher)
        }
    }
}

/// The people a report is sealed for.
///
/// - A normal report: SSP officers and nominated staff.
/// - About an adult at the school: the head teacher and SSP officers, never nominated
///   staff (KCSIE: allegations go to the head). A head who is also the nominated
///   staff member receives it as head.
/// - About the head teacher: the chair of governors and SSP officers, never anyone
///   holding the head teacher role, whatever other role they also hold.
pub fn recipients(about: About, holdings: &[Holding]) -> BTreeSet<UserId> {
    holdings
        .iter()
        .filter(|h| receives(h, about, holdings))
        .map(|h| h.user)
        .collect()
}

/// The kinds of report ("about" values) the rules route to this person: the only ones
/// they may hold keys to.
pub fn allowed_abouts(user: UserId, holdings: &[Holding]) -> Vec<About> {
    About::ALL
        .iter()
        .copied()
        .filter(|about| recipients(*about, holdings).contains(&user))
        .collect()
}

/// The role through which a report about `about` reaches this person, if any: what
/// their actions on it are recorded as.
pub fn receiving_role(user: UserId, about: About, holdings: &[Holding]) -> Option<Role> {
    holdings
        .iter()
        .filter(|h| h.user == user && receives(h, about, holdings))
        .map(|h| h.role)
        .min()
}

/// A role the rules name for reports about adults that the school has nobody in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gap {
    /// No head teacher: reports about staff go to the SSP officers only (or, with
    /// none, to nobody but the recovery key).
    NoHeadTeacher { officers: bool },
    /// No chair of governors: reports about the head go to the SSP officers only.
    NoChairOfGovernors { officers: bool },
}

/// The roles missing for reports about adults, given who holds which role (people who
/// cannot sign in left out by the caller).
pub fn gaps(holdings: &[Holding]) -> Vec<Gap> {
    let any = |role: Role| holdings.iter().any(|h| h.role == role);
    let officers = any(Role::SspOfficer);
    let mut gaps = Vec::new();
    if !any(Role::HeadTeacher) {
        gaps.push(Gap::NoHeadTeacher { officers });
    }
    if !any(Role::ChairOfGovernors) {
        gaps.push(Gap::NoChairOfGovernors { officers });
    }
    gaps
}

/// Who is told when a report's recipients have not acknowledged it in time: the head for
/// a normal report, the chair of governors for one about staff, and for one about the
/// head, nobody at the school (administrators instead).
pub fn escalation_role(about: About) -> Option<Role> {
    match about {
        About::NoStaff => Some(Role::HeadTeacher),
        About::Staff => Some(Role::ChairOfGovernors),
        About::HeadTeacher => None,
    }
}

/// Whether someone may be told about a report at all: never the subject of an allegation
/// about the head, whichever way they were found.
pub fn may_be_told(user: UserId, about: About, holdings: &[Holding]) -> bool {
    about != About::HeadTeacher || !holds(holdings, user, Role::HeadTeacher)
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_school_without_a_head_or_chair_is_told_who_gets_those_reports() {
        let officer = Holding {
            user: UserId(1),
            role: Role::SspOfficer,
        };
        let head = Holding {
            user: UserId(2),
            role: Role::HeadTeacher,
        };
        assert_eq!(
            gaps(&[officer]),
            vec![
                Gap::NoHeadTeacher { officers: true },
                Gap::NoChairOfGovernors { officers: true }
            ]
        );
        assert_eq!(
            gaps(&[head]),
            vec![Gap::NoChairOfGovernors { officers: false }]
        );
    }
    use super::*;

    fn holder(user: UserId, role: Role) -> Holding {
        Holding { user, role }
    }

    const OFFICER: UserId = UserId(1);
    const DEPUTY: UserId = UserId(2);
    const HEAD: UserId = UserId(3);
    const CHAIR: UserId = UserId(4);

    fn school() -> Vec<Holding> {
        vec![
            holder(OFFICER, Role::SspOfficer),
            holder(DEPUTY, Role::NominatedStaff),
            holder(HEAD, Role::HeadTeacher),
            holder(CHAIR, Role::ChairOfGovernors),
        ]
    }

    fn ids(v: &[UserId]) -> BTreeSet<UserId> {
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

    #[test]
    fn a_person_may_hold_only_the_reports_their_roles_route_to_them() {
        assert_eq!(allowed_abouts(DEPUTY, &school()), vec![About::NoStaff]);
        assert_eq!(
            allowed_abouts(OFFICER, &school()),
            vec![About::NoStaff, About::Staff, About::HeadTeacher]
        );
        assert_eq!(allowed_abouts(HEAD, &school()), vec![About::Staff]);
    }

    #[test]
    fn escalation_never_reaches_the_subject_of_an_allegation() {
        assert_eq!(escalation_role(About::NoStaff), Some(Role::HeadTeacher));
        assert_eq!(escalation_role(About::Staff), Some(Role::ChairOfGovernors));
        assert_eq!(escalation_role(About::HeadTeacher), None);
        assert!(!may_be_told(HEAD, About::HeadTeacher, &school()));
        assert!(may_be_told(HEAD, About::NoStaff, &school()));
    }

    #[test]
    fn actions_are_recorded_in_the_capacity_the_report_reached_the_person() {
        assert_eq!(
            receiving_role(OFFICER, About::Staff, &school()),
            Some(Role::SspOfficer)
        );
        assert_eq!(
            receiving_role(HEAD, About::Staff, &school()),
            Some(Role::HeadTeacher)
        );
        assert_eq!(receiving_role(DEPUTY, About::Staff, &school()), None);
    }
}
