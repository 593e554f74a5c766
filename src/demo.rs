//! A throwaway demo deployment: a temporary data directory with two schools, ready to click through.

use crate::app::people::{self, NewPerson};
use crate::app::{pupil, Admin, Context};
use crate::config::Config;
use crate::crypto::sealed_box::PrivateKey;
use crate::crypto::totp::TotpSecret;
use crate::db::{Conn, Db};
use crate::domain::choices::{About, Category, Location, Role};
use crate::domain::person::Email;
use crate::domain::report::{Details, ValidReport};
use crate::domain::school::{NewSchool, SchoolSlug};
use crate::startup::Application;
use crate::store::schools::School;
use crate::time::Clock;

/// The schools a newcomer sees in the demo.
pub const DEMO_SCHOOLS: &[(&str, &str, &str)] = &[
    (
        "oakfield",
        "Oakfield Academy",
        "Monday to Friday, 8am to 4pm, in term time",
    ),
    (
        "riverside",
        "Riverside High School",
        "Monday to Friday, 8:30am to 5pm, in term time",
    ),
];

/// Sets up the demo in a temporary directory and serves it until interrupted.
pub fn run(listen: &str) -> anyhow::Result<()> {
    let dir = tempfile::Builder::new().prefix("confide-demo-").tempdir()?;
    // The demo's mail is written as files a newcomer can open.
    let settings = crate::config::Settings {
        listen: listen.to_owned(),
        data_dir: dir.path().to_owned(),
        mail_transport: "file".into(),
        // A translation being checked can be tried in the demo before it is built in.
        locales_dir: std::env::var_os("CONFIDE_LOCALES_DIR").map(Into::into),
        ..crate::config::Settings::defaults()
    };
    let config = Config::from_settings(settings)?;
    // A busy port is said at once, before anything is seeded.
    if let Err(err) = std::net::TcpListener::bind(config.listen) {
        anyhow::bail!(
            "cannot listen on {} ({err}): another program (perhaps another Confide demo) uses it. \
             Choose another address, for example: cargo run --release -- demo --listen 127.0.0.1:8081",
            config.listen
        );
    }
    let db = Db::connect(&config.database, config.db_pool_size)?;
    let ctx = crate::startup::context(&config)?;
    db.run_blocking(|conn| -> anyhow::Result<()> {
        seed(conn, &ctx)?;
        seed_people(conn, &ctx)?;
        seed_history(conn, &ctx)?;
        seed_reports(conn, &ctx)
    })?;
    let public_url = config.public_url.clone();
    actix_web::rt::System::new().block_on(async move {
        let app = Application::build_with(config, db, ctx)?;
        println!();
        println!("Confide demo is running: {public_url}/");
        let width = DEMO_SCHOOLS
            .iter()
            .map(|(_, name, _)| name.chars().count())
            .max()
            .unwrap_or(0)
            .max("Pupil site:".len());
        println!("  {:<width$} {public_url}/", "Pupil site:");
        for (slug, name, _) in DEMO_SCHOOLS {
            println!("  {name:<width$} {public_url}/s/{slug}");
        }
        println!();
        println!("Staff sign-in: {public_url}/staff/login (passwords for this demo only)");
        let people: Vec<_> = DEMO_PEOPLE.iter().chain([&DEMO_ADMIN]).collect();
        let name_width = people.iter().map(|p| p.name.chars().count()).max().unwrap_or(0);
        let email_width = people.iter().map(|p| p.email.len()).max().unwrap_or(0);
        for p in people {
            println!(
                "  {:<name_width$}  {:<email_width$}  {}",
                p.name, p.email, p.password
            );
        }
        println!();
        println!("Demo staff already use two-step sign-in. For the code after the password, run in another terminal:");
        println!("  cargo run --release -- demo-code officer@demo.confide.example");
        println!("  (or ./target/release/confide demo-code EMAIL; it changes every 30 seconds, and each");
        println!("  code works once: to sign in again within the same 30 seconds, add --next)");
        println!();
        println!(
            "Notifications (file transport, .eml files): {}",
            dir.path().join("mail").display()
        );
        println!("  Data (deleted on exit): {}", dir.path().display());
        println!("Press Ctrl+C to stop.");
        app.run_until_stopped().await?;
        Ok(())
    })
}

/// A member of demo staff and the roles they hold.
pub struct DemoPerson {
    pub email: &'static str,
    pub name: &'static str,
    /// Printed on start: for a throwaway demo only.
    pub password: &'static str,
    pub roles: &'static [(&'static str, Role)],
}

/// The demo administrator: sets up schools and people, reads no reports.
pub const DEMO_ADMIN: DemoPerson = DemoPerson {
    email: "admin@demo.confide.example",
    name: "Alex Morgan (administrator)",
    password: "demo-admin-2026",
    roles: &[],
};

pub const DEMO_PEOPLE: &[DemoPerson] = &[
    DemoPerson {
        email: "officer@demo.confide.example",
        name: "PC Sam Khan (SSP officer)",
        password: "demo-officer-2026",
        roles: &[
            ("oakfield", Role::SspOfficer),
            ("riverside", Role::SspOfficer),
        ],
    },
    DemoPerson {
        email: "deputy@demo.confide.example",
        name: "Ms Jo Taylor (pastoral deputy, Oakfield)",
        password: "demo-deputy-2026",
        roles: &[("oakfield", Role::NominatedStaff)],
    },
    DemoPerson {
        email: "head@demo.confide.example",
        name: "Mr Adrian Wells (head teacher, Oakfield)",
        password: "demo-head-2026",
        roles: &[("oakfield", Role::HeadTeacher)],
    },
    DemoPerson {
        email: "chair@demo.confide.example",
        name: "Mrs Priya Shah (chair of governors, Oakfield)",
        password: "demo-chair-2026",
        roles: &[("oakfield", Role::ChairOfGovernors)],
    },
];

/// A few reports so the demo queue is not empty:
/// (school, category, location, happening now, about, hours ago, what).
type DemoReport = (
    &'static str,
    Category,
    Location,
    bool,
    About,
    i64,
    &'static str,
);
const DEMO_REPORTS: &[DemoReport] = &[
    ("oakfield", Category::OnlineBullying, Location::Online, false, About::NoStaff, 30,
     "A group chat for our year keeps sharing a photo of me and making fun of it. I asked them to stop."),
    ("oakfield", Category::Weapons, Location::Journey, true, About::NoStaff, 1,
     "A boy from Year 10 showed a knife at the bus stop after school and said he would use it."),
    ("oakfield", Category::HurtThreatened, Location::Corridor, false, About::Staff, 5,
     "A supply teacher grabbed my arm hard in the corridor on Tuesday."),
    ("riverside", Category::DrugsAlcohol, Location::NearSchool, false, About::NoStaff, 50,
     "Older boys are selling vapes and something else by the back gate at lunch."),
    ("riverside", Category::Bullying, Location::Canteen, false, About::NoStaff, 3,
     "People keep taking my lunch and calling me names because of my religion."),
];

/// Sends the demo reports through the same path pupils use, on a clock set back to when
/// each was sent, so ages and "overdue" show.
pub fn seed_reports(conn: &mut Conn<'_>, ctx: &Context) -> anyhow::Result<()> {
    for (slug, category, location, happening_now, about, hours_ago, what) in DEMO_REPORTS {
        let slug = SchoolSlug::parse(slug).map_err(|m| anyhow::anyhow!("{}", m.key()))?;
        let mut details = Details::default();
        details.what = (*what).to_owned();
        let report = ValidReport {
            category: *category,
            location: *location,
            happening_now: *happening_now,
            about: *about,
            details,
        };
        let then = Clock::system();
        then.advance(-hours_ago * 3600);
        let sent_then = Context {
            clock: then,
            ..ctx.clone()
        };
        pupil::submit(conn, &sent_then, &slug, &report, &[])?;
    }
    Ok(())
}

/// A term's worth of earlier reports at Oakfield, acknowledged and mostly closed by the
/// officer through the same use cases staff use, so the figures page has something to
/// show. Deterministic, so every demo looks the same.
pub fn seed_history(conn: &mut Conn<'_>, ctx: &Context) -> anyhow::Result<()> {
    use crate::app::cases;
    use crate::domain::choices::{Outcome, Status};
    let officer = &DEMO_PEOPLE[0];
    let email = Email::parse(officer.email).map_err(|m| anyhow::anyhow!("{}", m.key()))?;
    let user = crate::store::users::find_by_email(conn.db(), &email)?
        .ok_or_else(|| anyhow::anyhow!("no demo officer"))?;
    let key = crate::crypto::password::SealedPrivateKey {
        salt: user.private_key_salt.clone(),
        sealed: user.private_key_sealed.clone(),
    }
    .open(officer.password)
    .map_err(|_| anyhow::anyhow!("the demo officer's key would not open"))?;
    let staff = crate::app::Staff {
        user,
        private_key: key,
        second_factor_at: Some(ctx.now()),
    };
    const KINDS: &[Category] = &[
        Category::Bullying,
        Category::Bullying,
        Category::OnlineBullying,
        Category::OnlineBullying,
        Category::Bullying,
        Category::HurtThreatened,
        Category::DrugsAlcohol,
        Category::Hate,
        Category::Weapons,
        Category::Home,
    ];
    const PLACES: &[Location] = &[
        Location::Online,
        Location::Toilets,
        Location::Corridor,
        Location::Playground,
        Location::Online,
        Location::Journey,
        Location::Toilets,
    ];
    const OUTCOMES: &[Outcome] = &[
        Outcome::Resolved,
        Outcome::Resolved,
        Outcome::Resolved,
        Outcome::NoFurtherAction,
        Outcome::ReferredOn,
        Outcome::NotEnoughInformation,
    ];
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let slug = slug("oakfield")?;
    for i in 0..90i64 {
        let days_ago = 5 + (i * 86) / 90;
        let mut details = Details::default();
        details.what = "An earlier report, made up for the demo's figures page.".to_owned();
        let report = ValidReport {
            category: KINDS[next(KINDS.len() as u64) as usize],
            location: PLACES[next(PLACES.len() as u64) as usize],
            happening_now: next(12) == 0,
            about: About::NoStaff,
            details,
        };
        let clock = Clock::system();
        clock.advance(-(days_ago * 86_400) - next(8 * 3_600) as i64);
        let then = Context {
            clock: clock.clone(),
            ..ctx.clone()
        };
        let sent = pupil::submit(conn, &then, &slug, &report, &[])?;
        clock.advance(600 + next(30 * 3_600) as i64);
        cases::acknowledge(conn, &then, &staff, &sent.report_id)?;
        if next(8) == 0 {
            clock.advance(3_600);
            cases::set_status(
                conn,
                &then,
                &staff,
                &sent.report_id,
                Status::ReferredDsl,
                None,
            )?;
        }
        clock.advance(86_400 * (1 + next(4) as i64));
        let outcome = OUTCOMES[next(OUTCOMES.len() as u64) as usize];
        cases::set_status(
            conn,
            &then,
            &staff,
            &sent.report_id,
            Status::Closed,
            Some(outcome),
        )?;
    }
    // The made-up past's notices went out at the time: a newcomer's mail folder holds
    // only what today's demo reports send.
    let now = ctx.now();
    conn.write(|tx| crate::store::outbox::settle_before(tx, now))?;
    Ok(())
}

fn slug(raw: &str) -> anyhow::Result<SchoolSlug> {
    SchoolSlug::parse(raw).map_err(|m| anyhow::anyhow!("demo slug {raw}: {}", m.key()))
}

/// Adds the demo schools, returning each with its recovery key (which a real
/// deployment prints once and never keeps).
pub fn seed(conn: &mut Conn<'_>, ctx: &Context) -> anyhow::Result<Vec<(School, PrivateKey)>> {
    let admin = Admin::command_line();
    let mut created = Vec::new();
    for (raw, name, hours) in DEMO_SCHOOLS {
        let mut school = NewSchool::new(slug(raw)?, name)
            .map_err(|m| anyhow::anyhow!("demo school {raw}: {}", m.key()))?;
        school.reading_hours = (*hours).to_owned();
        created.push(people::add_school(conn, ctx, &admin, &school)?);
    }
    Ok(created)
}

/// Adds the demo staff with their roles, ready to sign in without a forced password change.
pub fn seed_people(conn: &mut Conn<'_>, ctx: &Context) -> anyhow::Result<()> {
    let admin = Admin::command_line();
    for (person, is_admin) in DEMO_PEOPLE
        .iter()
        .map(|p| (p, false))
        .chain([(&DEMO_ADMIN, true)])
    {
        let email = Email::parse(person.email).map_err(|m| anyhow::anyhow!("{}", m.key()))?;
        let created = people::add_person(
            conn,
            ctx,
            &admin,
            &NewPerson {
                email,
                name: person.name,
                is_admin,
                password: Some(person.password),
            },
        )?;
        // Enrolled already, with a secret anyone can compute (`confide demo-code`).
        crate::app::two_factor::enrol_with_secret(
            conn,
            ctx,
            created.user.id,
            &TotpSecret::for_demo(person.email),
        )?;
        for (raw, role) in person.roles {
            let school = people::find_school(conn, &slug(raw)?)?;
            people::grant_role(conn, ctx, &admin, school.id, created.user.id, *role)?;
        }
    }
    seed_on_call(conn, ctx)
}

/// An on-call chain for both schools out of hours: the officer first (by mail and, where
/// texts are set up, on a number from Ofcom's range kept for drama), then the deputy.
fn seed_on_call(conn: &mut Conn<'_>, ctx: &Context) -> anyhow::Result<()> {
    use crate::app::rota;
    let admin = Admin::command_line();
    let chain = "Evenings, nights and weekends";
    let out_of_hours = "every day 16:00-08:00; Sat,Sun 08:00-16:00";
    rota::add_chain(conn, ctx, &admin, chain, "10")?;
    rota::add_contact(
        conn,
        ctx,
        &admin,
        chain,
        DEMO_PEOPLE[0].email,
        "07700 900001",
        out_of_hours,
    )?;
    rota::add_contact(
        conn,
        ctx,
        &admin,
        chain,
        DEMO_PEOPLE[1].email,
        "",
        out_of_hours,
    )?;
    for (school, _, _) in DEMO_SCHOOLS {
        rota::cover_school(conn, ctx, &admin, school, Some(chain))?;
    }
    Ok(())
}

/// The code a demo account's authenticator app would show now. Only demo accounts: their
/// secrets are made from their published email addresses.
pub fn current_code(email: &str, next_step: bool) -> anyhow::Result<String> {
    let email = email.trim().to_lowercase();
    if !DEMO_PEOPLE
        .iter()
        .chain([&DEMO_ADMIN])
        .any(|p| p.email == email)
    {
        anyhow::bail!("{email} is not a demo account; `confide demo` lists them");
    }
    let ahead = if next_step {
        crate::crypto::totp::STEP_SECONDS
    } else {
        0
    };
    Ok(TotpSecret::for_demo(&email).code_at(Clock::system().now().as_secs() + ahead))
}
