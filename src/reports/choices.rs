//! The fixed answers a pupil picks from: kind of thing, where it happened, and who it is about.

/// Declares an enum of fixed choices with its stored value and the words a pupil sees.
macro_rules! choices {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $value:literal, $label:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($variant,)+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The value stored in the database and sent by the form.
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
    };
}

choices! {
    /// What kind of thing the report is about.
    Category {
        Bullying => "bullying", "Bullying";
        OnlineBullying => "online_bullying", "Online bullying or sharing pictures";
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
    /// Where it happened (the fixed list in DESIGN.md).
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

choices! {
    /// How a closed case ended.
    Outcome {
        Resolved => "resolved", "Resolved in school";
        ReferredOn => "referred_on", "Handled by another agency";
        NoFurtherAction => "no_further_action", "No further action needed";
        NotEnoughInformation => "not_enough_information", "Not enough information to act";
        Duplicate => "duplicate", "Duplicate of another report";
    }
}

impl Status {
    /// Closed cases leave the default queue.
    pub fn is_open(self) -> bool {
        self != Status::Closed
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
        assert_eq!(Category::ALL.len(), 12);
        assert_eq!(Location::ALL.len(), 11);
        assert_eq!(Category::parse("nonsense"), None);
    }

    #[test]
    fn pupils_see_only_three_statuses() {
        let labels: std::collections::BTreeSet<_> =
            Status::ALL.iter().map(|s| s.pupil_label()).collect();
        assert_eq!(labels.len(), 3);
    }
}
