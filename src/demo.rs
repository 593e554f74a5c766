//! A throwaway demo deployment: a temporary data directory with two schools, ready to click through.

use crate::config::Config;
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
    };
    let config = Config::from_settings(settings)?;
    let pool = crate::db::connect(&config.database, config.db_pool_size)?;
    seed(&mut *pool.get()?)?;
    let public_url = config.public_url.clone();
    actix_web::rt::System::new().block_on(async move {
        let app = Application::build_with_pool(config, pool)?;
        println!();
        println!("Confide demo is running: {public_url}/");
        println!("  Pupil site:          {public_url}/");
        for (slug, name, _) in DEMO_SCHOOLS {
            println!("  {name:<20} {public_url}/s/{slug}");
        }
        println!("  Data (deleted on exit): {}", dir.path().display());
        println!("Press Ctrl+C to stop.");
        app.run_until_stopped().await?;
        Ok(())
    })
}

/// Adds the demo schools.
pub fn seed(conn: &mut crate::db::DbConnection) -> anyhow::Result<()> {
    for (slug, name, hours) in DEMO_SCHOOLS {
        let mut school = NewSchool::new(SchoolSlug::parse(slug).map_err(anyhow::Error::msg)?, name)
            .map_err(anyhow::Error::msg)?;
        school.reading_hours = (*hours).to_owned();
        schools::create(conn, &school)?;
    }
    Ok(())
}
