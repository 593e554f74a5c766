//! The fixed lists a value is chosen from: what a pupil picks (kind of thing, where, who it
//! is about), where a case stands, the roles people hold, and the kinds of mail and events.
//! Each is stored as its text value.

use super::sql::text_column;

/// Declares an enum of fixed choices with its stored value and the words people see.
macro_rules! choices {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $value:literal, $label:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, diesel::expression::AsExpression, diesel::deserialize::FromSqlRow)]
        #[diesel(sql_type = diesel::sql_types::Text)]
        pub enum $name { $($variant,)+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The value stored in the database and sent by forms.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $value,)+ }
            }

            /// The words shown to people.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)+ }
            }

            pub fn parse(raw: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|c| c.as_str() == raw)
            }
        }

        text_column!($name);
    };
}

choices! {
    /// What kind of thing the report is about.
    Category {
        Bullying => "bullying", "Bullying";
        OnlineBullying => "online_bullying", "Online bullying or sharing pictures";
        NudeImage => "nude_image", "Nude picture of the pupil shared";
        Sextortion => "sextortion", "Threat to share a nude picture, or money demanded";
        Weapons => "weapons", "Knives or other weapons";
        Gangs => "gangs", "Gangs";
        DrugsAlcohol => "drugs_alcohol", "Drugs or alcohol";
        HurtThreatened => "hurt_threatened", "Being hurt or threatened";
        Home => "home", "Something at home";
        SexualAbuse => "sexual", "Sexual harassment or abuse";
        Hate => "hate", "Hate or racism";
        Extremism => "extremism", "Extreme views or extremism";
        TheftDamage => "theft_damage", "Theft or damage";
        Other => "other", "Something else";
    }
}

choices! {
    /// Where it happened (the fixed list in docs/design.md).
    Location {
        Classroom => "classroom", "In a classroom";
        Corridor => "corridor", "In a corridor or on the stairs";
        Toilets => "toilets", "In the toilets";
        Playground => "playground", "In the playground or on the field";
        Canteen => "canteen", "In the canteen";
        Journey => "journey", "On the way to or from school";
        Transport => "transport", "On a bus, train or other transport";
        Online => "online", "Online or on a phone";
        NearSchool => "near_school", "Near the school";
        Home => "home", "At home";
        Elsewhere => "elsewhere", "Somewhere else";
    }
}

choices! {
    /// Whether the report is about an adult who works at the school.
    About {
        NoStaff => "no", "No";
        Staff => "staff", "Yes, an adult who works at the school";
        HeadTeacher => "head", "Yes, the head teacher";
    }
}

choices! {
    /// How a report came in: a pupil's own form, or a member of staff recording what a
    /// pupil told them face to face.
    Source {
        Pupil => "pupil", "Sent by the pupil";
        InPerson => "in_person", "Told in person";
    }
}

choices! {
    /// Where a case stands, as staff see it.
    Status {
        New => "new", "New";
        Open => "open", "Open";
        WaitingForPupil => "waiting", "Waiting for pupil";
        ReferredDsl => "referred_dsl", "Referred to the DSL";
        ReferredPolice => "referred_police", "Referred to police";
        ReferredSocialCare => "referred_social_care", "Referred to children's social care";
        ReferredOther => "referred_other", "Referred elsewhere";
        Closed => "closed", "Closed";
    }
}

choices! {
    /// How serious staff judge a case to be.
    Risk {
        Immediate => "immediate", "Immediate";
        High => "high", "High";
        Medium => "medium", "Medium";
        Low => "low", "Low";
    }
}

choices! {
    /// How a closed case ended.
    Outcome {
        Resolved => "resolved", "Resolved in school";
        ReferredOn => "referred_on", "Handled by another agency";
        NoFurtherAction => "no_further_action", "No further action needed";
        NotEnoughInformation => "not_enough_information", "Not enough information to act";
        Duplicate => "duplicate", "Duplicate of another report";
        FalseReport => "false_report", "False or prank report";
        Unfounded => "unfounded", "Unfounded: looked into, nothing found";
    }
}

choices! {
    /// A school's reply templates: the few replies a recipient starts from.
    ReplySlot {
        Thanks => "thanks", "Thank you for telling us";
        Hours => "hours", "When we read reports";
        Where => "where", "Can you tell us where it happened?";
    }
}

impl Outcome {
    /// Outcomes that count as misuse of the reporting service. A duplicate is not one:
    /// several pupils telling of one incident is a sign they trust the service.
    pub fn is_misuse(self) -> bool {
        matches!(self, Outcome::FalseReport | Outcome::Unfounded)
    }
}

choices! {
    /// A role at a school: it decides whose reports a person receives.
    Role {
        SspOfficer => "ssp_officer", "Safer School Partnership officer";
        NominatedStaff => "nominated_staff", "Nominated staff member";
        HeadTeacher => "head_teacher", "Head teacher";
        ChairOfGovernors => "chair_of_governors", "Chair of governors";
    }
}

choices! {
    /// Why a notification is sent.
    MailKind {
        NewReport => "new_report", "New report";
        Urgent => "urgent", "Urgent report";
        OnCall => "on_call", "On-call alert";
        Reminder => "reminder", "Reminder";
        Escalation => "escalation", "Escalation";
        Unrouted => "unrouted", "No one set up";
        Digest => "digest", "Daily digest";
        PupilMessage => "pupil_message", "Pupil wrote again";
        RecoveryCodeUsed => "recovery_code_used", "Recovery code used";
        RetentionWarning => "retention_warning", "Report to be deleted soon";
        TwoFactorReset => "two_factor_reset", "Two-step sign-in reset";
        Test => "test", "Test";
    }
}

choices! {
    /// Why a report is on legal hold (a fixed list, so no free text reaches the audit log).
    HoldReason {
        PoliceInvestigation => "police_investigation", "A police investigation";
        CourtOrder => "court_order", "A court order or legal proceedings";
        LadoReferral => "lado_referral", "A referral to the LADO";
        Complaint => "complaint", "A complaint or appeal";
        Other => "other", "Another legal reason";
    }
}

choices! {
    /// Who wrote a message on a report.
    Author {
        Pupil => "pupil", "Pupil";
        Staff => "staff", "Staff";
    }
}

choices! {
    /// One thing that happened to a report, kept as data for the chronology and statistics.
    EventKind {
        Received => "received", "Report received";
        Viewed => "viewed", "Viewed the report";
        Acknowledged => "acknowledged", "Acknowledged";
        RiskSet => "risk", "Risk set";
        StatusChanged => "status", "Status changed";
        OwnerChanged => "owner", "Owner changed";
        Replied => "replied", "Replied to the pupil";
        NoteAdded => "note", "Added an internal note";
        PupilWrote => "pupil_message", "Pupil added a message";
        PupilReopened => "pupil_reopened", "Pupil wrote again, so the report opened again";
        PupilNamed => "pupil_named", "Pupil gave their name or how to reach them";
        TalkAsked => "talk_asked", "Pupil asked to talk to someone at school";
        TalkAnswered => "talk_answered", "Staff talked with the pupil, or arranged to";
        LegalHoldSet => "hold", "Placed on legal hold";
        LegalHoldLifted => "hold_lifted", "Legal hold lifted";
        RetentionExtended => "retention_extended", "Kept for longer";
        PictureViewed => "picture_viewed", "Viewed a picture";
        HandedOff => "handed_off", "Exported for hand-off";
        OnCallTold => "on_call_told", "On call: told";
        OnCallEnded => "on_call_ended", "On call: nobody left to tell";
        Linked => "linked", "Linked with another report about the same incident";
        Unlinked => "unlinked", "Unlinked from an incident";
        Moved => "moved", "Moved to another school";
    }
}

choices! {
    /// In whose capacity something was done to a report: the role the person holds at its
    /// school, or the pupil, or the system.
    ActorRole {
        Pupil => "pupil", "Pupil";
        SspOfficer => "ssp_officer", "Safer School Partnership officer";
        NominatedStaff => "nominated_staff", "Nominated staff member";
        HeadTeacher => "head_teacher", "Head teacher";
        ChairOfGovernors => "chair_of_governors", "Chair of governors";
        System => "system", "Confide";
    }
}

impl From<Role> for ActorRole {
    fn from(role: Role) -> Self {
        match role {
            Role::SspOfficer => ActorRole::SspOfficer,
            Role::NominatedStaff => ActorRole::NominatedStaff,
            Role::HeadTeacher => ActorRole::HeadTeacher,
            Role::ChairOfGovernors => ActorRole::ChairOfGovernors,
        }
    }
}

impl Role {
    /// What an administrator types at the command line: either separator, any case.
    pub fn parse_loose(raw: &str) -> Option<Self> {
        Role::parse(&raw.trim().replace('-', "_").to_lowercase())
    }
}

impl Risk {
    /// Sort position in the queue; an unrated report sorts after every rated one.
    pub fn rank(risk: Option<Risk>) -> i32 {
        match risk {
            Some(Risk::Immediate) => 1,
            Some(Risk::High) => 2,
            Some(Risk::Medium) => 3,
            Some(Risk::Low) => 4,
            None => 5,
        }
    }
}

impl Category {
    /// Kinds about a nude or sexual picture of the pupil. UKCIS (2024, "Sharing nudes and
    /// semi-nudes") says staff must never view, copy or store such imagery, nor ask a child
    /// to send it: so these reports take no picture at any door, arrive rated high risk,
    /// and show staff that guidance.
    pub fn forbids_pictures(self) -> bool {
        matches!(self, Category::NudeImage | Category::Sextortion)
    }

    /// The risk a report of this kind arrives with, before anyone has rated it.
    pub fn starting_risk(self) -> Option<Risk> {
        self.forbids_pictures().then_some(Risk::High)
    }
}

impl Status {
    /// Closed cases leave the default queue.
    pub fn is_open(self) -> bool {
        self != Status::Closed
    }

    /// Any of the "referred to …" statuses.
    pub fn is_referral(self) -> bool {
        matches!(
            self,
            Status::ReferredDsl
                | Status::ReferredPolice
                | Status::ReferredSocialCare
                | Status::ReferredOther
        )
    }

    /// The simple status a pupil sees: never risk or referral detail.
    pub fn pupil_label(self) -> &'static str {
        match self {
            Status::New => "Received",
            Status::Closed => "Closed",
            _ => "Being looked at",
        }
    }
}

impl MailKind {
    /// Sent with `Priority: urgent` so mail programs flag it.
    pub fn urgent(self) -> bool {
        matches!(self, MailKind::Urgent | MailKind::OnCall)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_choice_round_trips_through_its_stored_value() {
        for c in Category::ALL {
            assert_eq!(Category::parse(c.as_str()), Some(*c));
        }
        for l in Location::ALL {
            assert_eq!(Location::parse(l.as_str()), Some(*l));
        }
        for k in MailKind::ALL {
            assert_eq!(MailKind::parse(k.as_str()), Some(*k));
        }
        assert_eq!(Category::ALL.len(), 14);
        assert_eq!(Location::ALL.len(), 11);
        assert_eq!(Category::parse("nonsense"), None);
    }

    #[test]
    fn only_the_nude_image_kinds_forbid_pictures_and_arrive_high_risk() {
        let forbidding: Vec<_> = Category::ALL
            .iter()
            .filter(|c| c.forbids_pictures())
            .map(|c| c.as_str())
            .collect();
        assert_eq!(forbidding, ["nude_image", "sextortion"]);
        for c in Category::ALL {
            let expected = c.forbids_pictures().then_some(Risk::High);
            assert_eq!(c.starting_risk(), expected);
        }
    }

    #[test]
    fn pupils_see_only_three_statuses() {
        let labels: std::collections::BTreeSet<_> =
            Status::ALL.iter().map(|s| s.pupil_label()).collect();
        assert_eq!(labels.len(), 3);
    }

    #[test]
    fn roles_parse_from_their_names_with_either_separator() {
        assert_eq!(Role::parse_loose("ssp-officer"), Some(Role::SspOfficer));
        assert_eq!(
            Role::parse_loose("Chair_Of_Governors"),
            Some(Role::ChairOfGovernors)
        );
        assert_eq!(Role::parse_loose("janitor"), None);
        for role in Role::ALL {
            assert_eq!(Role::parse_loose(role.as_str()), Some(*role));
        }
    }

    #[test]
    fn only_referral_statuses_are_referrals() {
        let referrals: Vec<_> = Status::ALL.iter().filter(|s| s.is_referral()).collect();
        assert_eq!(referrals.len(), 4);
        assert!(referrals.iter().all(|s| s.as_str().starts_with("referred")));
    }
}
