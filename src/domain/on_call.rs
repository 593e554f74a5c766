//! The on-call chain's rules: what a chain and a contact may be, who is told next, and
//! what an urgent report's pupil can honestly be promised at this hour.

use super::hours::{WeekMinute, WeeklyHours};
use super::msg::Msg;

/// How long a contact has to acknowledge before the next is told, unless a chain says.
pub const DEFAULT_STEP_MINUTES: i32 = 10;

/// A chain's name: "Oakfield and Riverside nights".
pub fn chain_name(raw: &str) -> Result<String, Msg> {
    let name = raw.trim();
    if name.is_empty() || name.chars().count() > 80 {
        return Err(Msg::OnCallChainName);
    }
    Ok(name.to_owned())
}

/// Minutes to wait for an acknowledgement before telling the next contact: 1 to 120.
pub fn step_minutes(raw: &str) -> Result<i32, Msg> {
    raw.trim()
        .parse()
        .ok()
        .filter(|m| (1..=120).contains(m))
        .ok_or(Msg::OnCallMinutes)
}

/// A UK mobile number as Notify takes it ("+447700900123"), from the ways people write
/// it ("07700 900123", "+44 7700 900123"); `None` for an empty field (email only).
pub fn mobile_number(raw: &str) -> Result<Option<String>, Msg> {
    let compact: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '(' | ')'))
        .collect();
    if compact.is_empty() {
        return Ok(None);
    }
    let national = compact
        .strip_prefix("+44")
        .or_else(|| compact.strip_prefix("0044"))
        .map(|rest| rest.strip_prefix('0').unwrap_or(rest))
        .or_else(|| compact.strip_prefix('0'))
        .ok_or(Msg::OnCallPhone)?;
    if national.len() == 10
        && national.starts_with('7')
        && national.bytes().all(|b| b.is_ascii_digit())
    {
        Ok(Some(format!("+44{national}")))
    } else {
        Err(Msg::OnCallPhone)
    }
}

/// A contact as the chain sees them at one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OnRota {
    pub position: i32,
    /// Their hours cover this moment.
    pub on_now: bool,
    /// The routing rules let them be told of this report (never the subject of it).
    pub may_be_told: bool,
}

/// The position of the next contact to tell: the first at or after `from` who is on now
/// and may be told; `None` when the chain has nobody left.
pub fn next_contact(contacts: &[OnRota], from: i32) -> Option<i32> {
    contacts
        .iter()
        .filter(|c| c.position >= from && c.on_now && c.may_be_told)
        .map(|c| c.position)
        .min()
}

/// What happens now to an urgent report, and so what its pupil is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrgentCover {
    /// Staff are reading reports now.
    InHours,
    /// Out of hours, and someone on call covers this hour and has been told.
    OnCall,
    /// Out of hours with nobody on call: read in this many minutes.
    NobodyFor { minutes: u32 },
}

/// What an urgent report arriving at `at` gets, given the school's reading hours and
/// whether any contact of its chain is on now.
pub fn urgent_cover(reading: &WeeklyHours, someone_on_call: bool, at: WeekMinute) -> UrgentCover {
    if reading.covers(at) {
        UrgentCover::InHours
    } else if someone_on_call {
        UrgentCover::OnCall
    } else {
        UrgentCover::NobodyFor {
            minutes: reading.minutes_until_covered(at),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mobile_numbers_are_read_as_people_write_them() {
        for raw in [
            "07700 900123",
            "+44 7700 900123",
            "+44 (0)7700-900123",
            "0044 7700900123",
        ] {
            assert_eq!(
                mobile_number(raw).unwrap().as_deref(),
                Some("+447700900123"),
                "{raw}"
            );
        }
        assert_eq!(mobile_number("  ").unwrap(), None);
        for bad in [
            "0121 496 0000",
            "07700 90012",
            "+33 6 12 34 56 78",
            "07700 9001234",
            "call me",
        ] {
            assert!(mobile_number(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn the_next_contact_is_the_first_on_now_who_may_be_told() {
        let contacts = [
            OnRota {
                position: 0,
                on_now: true,
                may_be_told: true,
            },
            OnRota {
                position: 1,
                on_now: false,
                may_be_told: true,
            },
            OnRota {
                position: 2,
                on_now: true,
                may_be_told: false,
            },
            OnRota {
                position: 3,
                on_now: true,
                may_be_told: true,
            },
        ];
        assert_eq!(next_contact(&contacts, 0), Some(0));
        assert_eq!(next_contact(&contacts, 1), Some(3));
        assert_eq!(next_contact(&contacts, 4), None);
    }

    #[test]
    fn the_pupil_is_promised_only_what_will_happen() {
        let reading = WeeklyHours::parse("Mon-Fri 08:00-16:00").unwrap();
        let tuesday_ten_am = WeekMinute::new(1, 600);
        let friday_ten_pm = WeekMinute::new(4, 22 * 60);
        assert_eq!(
            urgent_cover(&reading, true, tuesday_ten_am),
            UrgentCover::InHours
        );
        assert_eq!(
            urgent_cover(&reading, true, friday_ten_pm),
            UrgentCover::OnCall
        );
        assert_eq!(
            urgent_cover(&reading, false, friday_ten_pm),
            UrgentCover::NobodyFor {
                minutes: 2 * 1440 + 10 * 60
            }
        );
        assert!(chain_name(" ").is_err());
        assert_eq!(step_minutes("10"), Ok(10));
        assert!(step_minutes("0").is_err());
    }
}
