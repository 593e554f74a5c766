//! Builds the application from a configuration: the same server for `confide serve`, the demo and the tests.

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::dev::Server;
use actix_web::middleware::from_fn;
use actix_web::{web, App, HttpServer};

use crate::app::notify::{Waker, Worker};
use crate::app::Context;
use crate::assets::Assets;
use crate::config::Config;
use crate::content::Library;
use crate::db::Db;
use crate::time::Clock;
use crate::views::Site;
use crate::web::{self as routes, middleware, AppState};

/// What the use cases run with under this configuration: the system clock, the server's
/// secret key file, and the deployment's rules. Every door (server, command line, demo)
/// makes it here, so they all follow the same rules.
pub fn context(config: &Config) -> anyhow::Result<Context> {
    let server_key = crate::crypto::server_key::load_or_create(&config.secret_key_file)?;
    let keystore = crate::keystore::Keystore::open(&config.keystore_dir)?;
    let blobs = match &config.picture_dir {
        Some(dir) => crate::blobs::BlobStore::Files(crate::blobs::FileBlobs::open(dir)?),
        None => crate::blobs::BlobStore::Database,
    };
    Ok(
        Context::new(Clock::system(), server_key, keystore, blobs).with_policy(
            crate::app::Policy {
                two_factor_grace_seconds: config.two_factor_grace_seconds,
                texts: config.texts.is_some(),
            },
        ),
    )
}

/// The metrics address's own server: one worker, `/metrics` only, no middleware a page
/// needs (nothing there is for a browser).
fn metrics_server(
    address: std::net::SocketAddr,
    data: &web::Data<AppState>,
) -> anyhow::Result<(u16, Server)> {
    let listener = TcpListener::bind(address)
        .map_err(|e| anyhow::anyhow!("cannot serve metrics on {address}: {e}"))?;
    let port = listener.local_addr()?.port();
    let data = data.clone();
    let server = HttpServer::new(move || {
        App::new()
            .app_data(data.clone())
            .configure(routes::metrics::configure)
    })
    .workers(1)
    .listen(listener)?
    .run();
    Ok((port, server))
}

/// Pictures read and cleaned at once: one a core keeps memory low (a 12-megapixel photo
/// takes about 40 MB while it is made anew) and the cores busy.
const PICTURE_TURNS: usize = 1;

/// A server bound to its port, ready to run.
pub struct Application {
    port: u16,
    server: Server,
    /// The metrics server and its port, when `CONFIDE_METRICS_LISTEN` is set.
    metrics: Option<(u16, Server)>,
    state: AppState,
}

impl Application {
    /// Opens the database (running migrations), loads content and binds the listener.
    /// With port 0 the system picks a free port; [`Application::port`] tells which.
    pub fn build(config: Config) -> anyhow::Result<Self> {
        let db = Db::connect(&config.database, config.db_pool_size)?;
        let ctx = context(&config)?;
        Self::build_with(config, db, ctx)
    }

    /// As [`Application::build`], on a database and context the caller already has
    /// (the demo seeds first; tests move the clock).
    pub fn build_with(config: Config, db: Db, ctx: Context) -> anyhow::Result<Self> {
        // Reports stored before retention existed get their keys bound now, once.
        let bound = db.run_blocking(|conn| crate::app::binding::bind_unbound(conn, &ctx))?;
        if bound > 0 {
            tracing::info!(bound, "reports bound to retention keys");
        }
        // Insight counters are filled from what is stored the first time they are missing.
        let started = std::time::Instant::now();
        let counted = db.run_blocking(crate::app::insights::rebuild_if_empty)?;
        if counted > 0 {
            let ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
            tracing::info!(counted, ms, "insight figures rebuilt from stored reports");
        }
        let library = Library::load(config.content_dir.as_deref())?;
        crate::app::sessions::warm_up();
        let assets = Assets::load();
        let catalogues = crate::i18n::Catalogues::load(config.locales_dir.as_deref())?;
        let site = Site::new(&config.exit_url, &assets, catalogues.languages());
        let captions = crate::web::captions::Captions::build(&assets, &library);
        let pages = crate::web::prerendered::Pages::render(
            &site,
            &assets,
            &library,
            &catalogues,
            &captions,
        );
        let state = AppState {
            pages,
            mail_waker: Waker::default(),
            picture_turns: Arc::new(tokio::sync::Semaphore::new(PICTURE_TURNS)),
            cleaner: crate::images::Cleaner::start()?,
            ctx,
            limits: crate::web::ratelimit::RateLimits::new(
                config.trusted_proxies.clone(),
                db.metrics().clone(),
            ),
            site: Arc::new(site),
            config: Arc::new(config),
            db,
            assets,
            library: Arc::new(library),
            catalogues: Arc::new(catalogues),
            captions,
        };
        let listener = TcpListener::bind(state.config.listen)
            .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", state.config.listen))?;
        let port = listener.local_addr()?.port();
        let workers = state.config.workers;
        let data = web::Data::new(state.clone());
        let metrics = match state.config.metrics_listen {
            Some(address) => Some(metrics_server(address, &data)?),
            None => None,
        };
        middleware::protect_http_layer_errors(state.config.uses_tls());
        let server = HttpServer::new(move || {
            App::new()
                .app_data(data.clone())
                .wrap(from_fn(middleware::head_as_get))
                .wrap(from_fn(middleware::refuse_encoded_bodies))
                .wrap(from_fn(middleware::same_site_posts))
                .wrap(from_fn(middleware::friendly_errors))
                .wrap(from_fn(middleware::log_request))
                .wrap(from_fn(middleware::security_headers))
                .configure(routes::configure)
        })
        .workers(workers)
        // Responses written in more than one piece (compressed, streamed) must not wait
        // for the client's delayed ACK.
        .tcp_nodelay(true)
        .listen(listener)?
        .run();
        Ok(Application {
            port,
            server,
            metrics,
            state,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The metrics server's port, if it runs.
    pub fn metrics_port(&self) -> Option<u16> {
        self.metrics.as_ref().map(|(port, _)| *port)
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until the process is told to stop, pruning rate-limit memory every minute
    /// and (unless turned off) running the mail worker beside it.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let config = &self.state.config;
        let purger = if config.purge_worker {
            Some(crate::app::retention::spawn_purge_worker(
                self.state.db.clone(),
                self.state.ctx.clone(),
                stop.clone(),
            )?)
        } else {
            None
        };
        let worker = if config.mail_worker {
            let mailer =
                crate::mail::transport::Mailer::new(&config.mail).map_err(std::io::Error::other)?;
            if !mailer.is_enabled() {
                tracing::warn!("mail is not configured (CONFIDE_MAIL_TRANSPORT=none): notifications are queued, not sent");
            } else {
                tracing::info!(transport = ?config.mail, "mail worker started");
            }
            let texter = match &config.texts {
                Some(texts) => Some(Arc::new(
                    crate::mail::texts::Texter::new(texts.clone())
                        .map_err(std::io::Error::other)?,
                )),
                None => None,
            };
            Some(
                Worker {
                    db: self.state.db.clone(),
                    ctx: self.state.ctx.clone(),
                    mailer: Arc::new(mailer),
                    texter,
                    from: config.mail_from.clone(),
                    sign_in_url: format!("{}/staff/login", config.public_url),
                    waker: self.state.mail_waker.clone(),
                    stop: stop.clone(),
                }
                .spawn()?,
            )
        } else {
            None
        };
        let limits = self.state.limits.clone();
        let db = self.state.db.clone();
        let pruner = actix_web::rt::spawn(async move {
            let mut tick = actix_web::rt::time::interval(std::time::Duration::from_secs(60));
            loop {
                tick.tick().await;
                limits.prune();
                // Insight changes are folded in now and then, so few wait for a page.
                if let Err(err) = db.run(crate::app::insights::fold).await {
                    tracing::warn!(error = %err, "insight figures could not be folded");
                }
            }
        });
        let metrics = self.metrics.map(|(_, server)| {
            let handle = server.handle();
            (handle, actix_web::rt::spawn(server))
        });
        let result = self.server.await;
        if let Some((handle, running)) = metrics {
            handle.stop(true).await;
            let _ = running.await;
        }
        pruner.abort();
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        self.state.mail_waker.wake();
        if let Some(worker) = worker {
            let _ = worker.join();
        }
        if let Some(purger) = purger {
            let _ = purger.join();
        }
        result
    }
}
