//! A throwaway demo deployment: a temporary data directory with two schools, ready to click through.

use crate::accounts::roles::Role;
use crate::accounts::users::{self, Email};
use crate::config::Config;
use crate::crypto::sealed_box::PrivateKey;
use crate::schools::{self, NewSchool, SchoolSlug};
use crate::startup::Application;

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
    let settings = crate::config::Settings {
        listen: listen.to_owned(),
        data_dir: dir.path().to_owned(),
        database_url: None,
        public_url: None,
        content_dir: None,
        exit_url: crate::config::DEFAULT_EXIT_URL.into(),
        db_pool_size: 8,
        workers: None,
        secret_key_file: None,
        trust_proxy: false,
        session_cookie: None,
    };
    let config = Config::from_settings(settings)?;
    let pool = crate::db::connect(&config.database, config.db_pool_size)?;
    seed(&mut *pool.get()?)?;
    seed_people(&mut *pool.get()?)?;
    let public_url = config.public_url.clone();
    actix_web::rt::System::new().block_on(async move {
        let app = Application::build_with_pool(config, pool)?;
        println!();
        println!("Confide demo is running: {public_url}/");
        println!("  Pupil site:          {public_url}/");
        for (slug, name, _) in DEMO_SCHOOLS {
            println!("  {name:<20} {public_url}/s/{slug}");
        }
        println!();
        println!("Demo staff (passwords for this demo only):");
        for p in DEMO_PEOPLE {
            println!("  {:<46} {:<32} {}", p.name, p.email, p.password);
        }
        println!();
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

/// Adds the demo schools, returning each with its recovery key (which a real
/// deployment prints once and never keeps).
pub fn seed(
    conn: &mut crate::db::DbConnection,
) -> anyhow::Result<Vec<(schools::School, PrivateKey)>> {
    let mut created = Vec::new();
    for (slug, name, hours) in DEMO_SCHOOLS {
        let mut school = NewSchool::new(SchoolSlug::parse(slug).map_err(anyhow::Error::msg)?, name)
            .map_err(anyhow::Error::msg)?;
        school.reading_hours = (*hours).to_owned();
        created.push(schools::create(conn, &school)?);
    }
    Ok(created)
}

/// Adds the demo staff with their roles, ready to sign in without a forced password change.
pub fn seed_people(conn: &mut crate::db::DbConnection) -> anyhow::Result<()> {
    for person in DEMO_PEOPLE {
        let email = Email::parse(person.email).map_err(anyhow::Error::msg)?;
        let created = users::create(conn, &email, person.name, Some(person.password), false)?;
        for (slug, role) in person.roles {
            let slug = SchoolSlug::parse(slug).map_err(anyhow::Error::msg)?;
            let school = schools::find_by_slug(conn, &slug)?
                .ok_or_else(|| anyhow::anyhow!("demo school {slug} missing"))?;
            crate::accounts::roles::grant(conn, school.id, created.user.id, *role)?;
        }
    }
    Ok(())
}
