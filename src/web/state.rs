//! What every handler shares: the configuration, the database, the rendered pages and
//! the limits, and the one way a handler runs a use case.

use std::sync::Arc;

use super::{prerendered, ratelimit};
use crate::app::notify::Waker;
use crate::app::Context;
use crate::assets::Assets;
use crate::config::Config;
use crate::content::Library;
use crate::db::{Conn, Db, DbError};
use crate::i18n::Catalogues;
use crate::views::Site;

/// Everything a handler may need, shared by all workers.
#[derive(Clone)]
pub struct AppState {
    pub config: Arc<Config>,
    pub db: Db,
    /// The clock and server secret every use case gets.
    pub ctx: Context,
    pub site: Arc<Site>,
    pub assets: Assets,
    pub library: Arc<Library>,
    /// Topic captions in each translated language.
    pub captions: super::captions::Captions,
    /// The words of the pupil pages, per language.
    pub catalogues: Arc<Catalogues>,
    pub limits: ratelimit::RateLimits,
    /// Home, topics and the safety page, rendered once.
    pub pages: prerendered::Pages,
    /// Wakes the mail worker as soon as something is queued.
    pub mail_waker: Waker,
    /// Turns for reading and cleaning pictures, so only so many are in memory at once.
    pub picture_turns: Arc<tokio::sync::Semaphore>,
    /// The thread that cleans pictures.
    pub cleaner: crate::images::Cleaner,
}

impl AppState {
    /// What the views need to draw a pupil page at `place`.
    pub fn chrome<'a>(
        &'a self,
        place: &'a super::language::Place,
    ) -> crate::views::chrome::Chrome<'a> {
        place.chrome(&self.site, &self.catalogues)
    }

    /// Runs one use case on the blocking thread pool with a connection and the context.
    pub async fn run<T, E, F>(&self, work: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<DbError> + Send + 'static,
        F: FnOnce(&mut Conn<'_>, &Context) -> Result<T, E> + Send + 'static,
    {
        let ctx = self.ctx.clone();
        self.db.run(move |conn| work(conn, &ctx)).await
    }
}

/// A report at every character limit, in a script that URL-encodes each character as
/// nine bytes (or in emoji), stays under this; anything larger is not from our form.
pub const FORM_LIMIT_BYTES: usize = 128 * 1024;
