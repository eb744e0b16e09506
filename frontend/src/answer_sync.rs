//! Answers typed on the tablet are written to the browser's storage first and sent to the
//! server afterwards, so a reload, a lost connection or a closed tab never loses them.
//!
//! Each question keeps only its latest change (with the tablet's time of the change). A batch
//! leaves storage only once the server has confirmed it, and the server keeps the latest
//! change of each question, so sending a batch twice is harmless.
//!
//! The same queue serves the monitors' visits ([`VisitAnswers`]) and the factories'
//! self-assessments ([`SelfAssessmentAnswers`]): an [`AnswerTarget`] names where the answers
//! go, how they are stored on the device and how a batch is sent.

use std::collections::BTreeMap;
use std::future::Future;

use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use shared::api::self_assessments::{SaveSelfAnswers, SelfAnswer};
use shared::api::visits::{Answer, SaveAnswers};

use crate::api::{self, ApiError};
use crate::device_store;
use crate::i18n::use_i18n;

thread_local! {
    /// Who is signed in on this device: each user's unsent answers are their own.
    static DEVICE_USER: std::cell::Cell<Option<i64>> = const { std::cell::Cell::new(None) };
}

/// Sets whose queue the app works with (the session calls it on sign-in and sign-out): on a
/// shared tablet another user never sees or sends someone else's unsent answers.
pub fn set_device_user(user_id: Option<i64>) {
    DEVICE_USER.with(|user| user.set(user_id));
}

/// The storage key of `user`'s unsent answers of one visit or self-assessment; `kind` and `id`
/// name it (`pending_answers`, 12).
pub(crate) fn user_key(kind: &str, id: i64) -> String {
    match DEVICE_USER.with(|user| user.get()) {
        Some(user) => format!("ims.{kind}.u{user}.{id}"),
        // Nobody signed in: a key nothing is ever stored under.
        None => format!("ims.{kind}.nobody.{id}"),
    }
}

/// How many answers the signed-in user has not sent yet, over every visit and self-assessment
/// on this device.
pub fn unsent_count() -> usize {
    let Some(user) = DEVICE_USER.with(|user| user.get()) else {
        return 0;
    };
    device_store::keys()
        .into_iter()
        .filter(|key| {
            let mine = format!(".u{user}.");
            key.starts_with("ims.pending") && key.contains(&mine) && !key.ends_with(".sent")
        })
        .map(|key| {
            // A visit's facts are one save; an answer queue holds one entry per question.
            if key.starts_with("ims.pending_facts.") {
                return 1;
            }
            device_store::get(&key)
                .and_then(|text| {
                    serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&text).ok()
                })
                .map_or(0, |pending| pending.len())
        })
        .sum()
}

/// How often a waiting queue is retried while the page is open.
const RETRY_EVERY_MS: u64 = 10_000;
/// Typing pauses this long before a batch goes out, so a finding is not sent per keystroke.
const SEND_AFTER_MS: u64 = 700;

/// An answer that can wait in the queue: one per question, the latest change wins.
pub trait QueuedAnswer: Clone + Send + Sync + Serialize + DeserializeOwned + 'static {
    fn question_code(&self) -> &str;
    /// Milliseconds on the device's clock.
    fn changed_at(&self) -> i64;
    /// Whether this copy from the server is more recent than `other`, another copy of the
    /// same question's answer from the server (one of them perhaps from the offline cache).
    fn stored_later_than(&self, other: &Self) -> bool {
        self.changed_at() > other.changed_at()
    }
}

impl QueuedAnswer for Answer {
    fn question_code(&self) -> &str {
        &self.question_code
    }
    fn changed_at(&self) -> i64 {
        self.changed_at
    }
    /// A visit's answers carry the server's latest change: a later one may be an earlier
    /// answer by device time (another monitor's pick in a conflict).
    fn stored_later_than(&self, other: &Self) -> bool {
        match (self.revision, other.revision) {
            (Some(mine), Some(theirs)) => mine > theirs,
            _ => self.changed_at > other.changed_at,
        }
    }
}

impl QueuedAnswer for SelfAnswer {
    fn question_code(&self) -> &str {
        &self.question_code
    }
    fn changed_at(&self) -> i64 {
        self.changed_at
    }
}

/// Where a queue of answers goes.
pub trait AnswerTarget: Copy + Send + Sync + 'static {
    type Answer: QueuedAnswer;
    /// What a file of saved changes says they belong to (`visit`, `self_assessment`).
    const KIND: &'static str;
    /// The visit's or self-assessment's id.
    fn id(self) -> i64;
    /// The device store's key of the signed-in user's unsent answers.
    fn storage_key(self) -> String;
    /// The key the answers were kept under before queues belonged to a user.
    fn legacy_key(self) -> String;
    /// Sends one batch; once the server stored it, what it holds now for those questions.
    fn send(
        self,
        batch: Vec<Self::Answer>,
    ) -> impl Future<Output = Result<Vec<Self::Answer>, ApiError>>;
}

/// The answers of one visit (`POST /api/visits/{id}/answers`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VisitAnswers(pub i64);

impl AnswerTarget for VisitAnswers {
    type Answer = Answer;
    const KIND: &'static str = "visit";
    fn id(self) -> i64 {
        self.0
    }
    fn storage_key(self) -> String {
        user_key("pending_answers", self.0)
    }
    fn legacy_key(self) -> String {
        format!("ims.pending_answers.{}", self.0)
    }
    async fn send(self, answers: Vec<Answer>) -> Result<Vec<Answer>, ApiError> {
        api::visits::save_answers(self.0, &SaveAnswers { answers })
            .await
            .map(|saved| saved.answers)
    }
}

/// The answers of one self-assessment (`POST /api/self-assessments/{id}/answers`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SelfAssessmentAnswers(pub i64);

impl AnswerTarget for SelfAssessmentAnswers {
    type Answer = SelfAnswer;
    const KIND: &'static str = "self_assessment";
    fn id(self) -> i64 {
        self.0
    }
    fn storage_key(self) -> String {
        user_key("pending_self_answers", self.0)
    }
    fn legacy_key(self) -> String {
        format!("ims.pending_self_answers.{}", self.0)
    }
    async fn send(self, answers: Vec<SelfAnswer>) -> Result<Vec<SelfAnswer>, ApiError> {
        api::self_assessments::save_answers(self.0, &SaveSelfAnswers { answers })
            .await
            .map(|saved| saved.answers)
    }
}

/// The unsent answers of one visit or self-assessment, in the device store.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PendingAnswers<T: AnswerTarget = VisitAnswers> {
    target: T,
}

impl PendingAnswers<VisitAnswers> {
    pub fn of_visit(visit_id: i64) -> Self {
        PendingAnswers::of(VisitAnswers(visit_id))
    }
}

impl<T: AnswerTarget> PendingAnswers<T> {
    pub fn of(target: T) -> Self {
        PendingAnswers { target }
    }

    fn key(self) -> String {
        self.target.storage_key()
    }

    pub fn load(self) -> BTreeMap<String, T::Answer> {
        // Answers kept before queues belonged to a user go to the first one who opens their
        // visit (the server refuses them if that user is not on its team; they are kept).
        if let Some(legacy) = device_store::get(&self.target.legacy_key()) {
            if device_store::get(&self.key()).is_none() {
                device_store::set(&self.key(), &legacy);
            }
            device_store::remove(&self.target.legacy_key());
        }
        device_store::get(&self.key())
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default()
    }

    fn store(self, pending: &BTreeMap<String, T::Answer>) {
        if pending.is_empty() {
            device_store::remove(&self.key());
        } else if let Ok(text) = serde_json::to_string(pending) {
            device_store::set(&self.key(), &text);
        }
    }

    pub fn put(self, answer: T::Answer) {
        let mut pending = self.load();
        pending.insert(answer.question_code().to_owned(), answer);
        self.store(&pending);
    }

    /// Forgets the answers the server confirmed, unless they changed again since they were
    /// sent, and remembers what the server holds now (`stored`): a page read from the offline
    /// cache may predate it.
    pub fn acknowledge(self, sent: &[T::Answer], stored: &[T::Answer]) {
        let mut pending = self.load();
        for answer in sent {
            if pending
                .get(answer.question_code())
                .is_some_and(|waiting| waiting.changed_at() <= answer.changed_at())
            {
                pending.remove(answer.question_code());
            }
        }
        self.store(&pending);
        let mut confirmed = self.load_sent();
        for answer in stored {
            confirmed.insert(answer.question_code().to_owned(), answer.clone());
        }
        if let Ok(text) = serde_json::to_string(&confirmed) {
            device_store::set(&self.sent_key(), &text);
        }
    }

    fn sent_key(self) -> String {
        format!("{}.sent", self.key())
    }

    fn load_sent(self) -> BTreeMap<String, T::Answer> {
        device_store::get(&self.sent_key())
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default()
    }

    /// The answer to show for each question, given the server's copy (`from_server`, which
    /// may come from the offline cache): what the server confirmed to this device later, and
    /// over that any change still waiting to be sent.
    pub fn shown(self, from_server: &[T::Answer]) -> BTreeMap<String, T::Answer> {
        let mut shown: BTreeMap<String, T::Answer> = from_server
            .iter()
            .map(|answer| (answer.question_code().to_owned(), answer.clone()))
            .collect();
        for (code, confirmed) in self.load_sent() {
            if shown
                .get(&code)
                .is_none_or(|page| confirmed.stored_later_than(page))
            {
                shown.insert(code, confirmed);
            }
        }
        for (code, waiting) in self.load() {
            if shown
                .get(&code)
                .is_none_or(|page| waiting.changed_at() > page.changed_at())
            {
                shown.insert(code, waiting);
            }
        }
        shown
    }

    /// Whether a change of `code` is waiting to be sent.
    pub fn is_waiting(self, code: &str) -> bool {
        self.load().contains_key(code)
    }
}

/// A file of changes saved on a device: what they belong to, and the changes.
#[derive(Serialize, serde::Deserialize)]
#[serde(bound(deserialize = "A: DeserializeOwned"))]
struct SavedChanges<A> {
    kind: String,
    id: i64,
    answers: Vec<A>,
}

/// What the sync badge says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SyncState {
    /// Everything is on the server.
    Saved,
    Sending,
    /// No connection: answers wait on this device.
    Offline,
    /// The server refused the answers (e.g. the report was submitted meanwhile); they stay
    /// on this device so nothing is lost. Holds the error code.
    Refused(String),
}

/// Sends the pending answers of a visit (or self-assessment) and reports progress through
/// signals.
pub struct AnswerSync<T: AnswerTarget = VisitAnswers> {
    pending: PendingAnswers<T>,
    pub state: RwSignal<SyncState>,
    pub waiting: RwSignal<usize>,
    /// What the server held for the questions of the last batch it stored: a page shows it
    /// (another monitor's answer, a conflict) where nothing newer waits on the device.
    pub stored: RwSignal<Vec<T::Answer>>,
    in_flight: RwSignal<bool>,
    again: RwSignal<bool>,
}

// By hand: a derive would ask the answer type itself to be `Copy`, through `stored`.
impl<T: AnswerTarget> Clone for AnswerSync<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: AnswerTarget> Copy for AnswerSync<T> {}

fn browser_online() -> bool {
    window().navigator().on_line()
}

/// Milliseconds on the tablet's clock, the time of a change.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

impl AnswerSync<VisitAnswers> {
    /// Starts syncing a visit (see [`AnswerSync::start_for`]).
    pub fn start(visit_id: i64) -> Self {
        AnswerSync::start_for(VisitAnswers(visit_id))
    }
}

impl<T: AnswerTarget> AnswerSync<T> {
    /// Starts syncing `target`: sends what an earlier page left, retries regularly and as soon
    /// as the browser is back online.
    pub fn start_for(target: T) -> Self {
        let pending = PendingAnswers::of(target);
        let sync = AnswerSync {
            pending,
            state: RwSignal::new(SyncState::Saved),
            waiting: RwSignal::new(pending.load().len()),
            stored: RwSignal::new(Vec::new()),
            in_flight: RwSignal::new(false),
            again: RwSignal::new(false),
        };
        sync.send_now();
        let online = window_event_listener(leptos::ev::online, move |_| {
            if !sync.is_held() {
                sync.send_now();
            }
        });
        let offline = window_event_listener(leptos::ev::offline, move |_| {
            if sync.waiting.get_untracked() > 0 {
                sync.state.set(SyncState::Offline);
            }
        });
        let retry = set_interval_with_handle(
            move || {
                // A batch the server refused waits for the monitor (correct, retry or
                // discard): sending it again unchanged would be refused again, forever.
                if sync.waiting.get_untracked() > 0 && !sync.is_held() {
                    sync.send_now();
                }
            },
            std::time::Duration::from_millis(RETRY_EVERY_MS),
        )
        .ok();
        on_cleanup(move || {
            online.remove();
            offline.remove();
            if let Some(retry) = retry {
                retry.clear();
            }
        });
        sync
    }

    /// Whether a change of `code` waits on this device to be sent.
    pub fn is_waiting(self, code: &str) -> bool {
        self.pending.is_waiting(code)
    }

    /// Whether the server refused what is waiting: it is kept, and sent again only when the
    /// monitor changes an answer or asks to.
    fn is_held(self) -> bool {
        matches!(self.state.try_get_untracked(), Some(SyncState::Refused(_)))
    }

    /// Forgets every change waiting on this device: the monitor's decision after the server
    /// refused them (and after saving them to a file, if they wish).
    pub fn discard(self) {
        self.pending.store(&BTreeMap::new());
        self.waiting.set(0);
        self.state.set(SyncState::Saved);
    }

    /// The waiting changes as a JSON file the monitor keeps: the batch as the server takes it,
    /// with what it belongs to, so it can be imported again on any device ([`Self::import`]).
    pub fn save_to_file(self) {
        let file = SavedChanges {
            kind: T::KIND.to_owned(),
            id: self.pending.target.id(),
            answers: self.pending.load().into_values().collect(),
        };
        let text = serde_json::to_string_pretty(&file).unwrap_or_default();
        crate::components::data_table::download_text(
            &format!("{}.json", self.pending.key().replace('.', "-")),
            "application/json",
            &text,
        );
    }

    /// Queues the changes of a file saved by [`Self::save_to_file`] (on this device or another)
    /// and sends them: the server keeps each change once, so importing a file twice, or
    /// changes it already holds, is harmless. A change older than one waiting here is left
    /// out. Returns how many changes the file held, or the catalogue key of why it is refused.
    pub fn import(self, text: &str) -> Result<usize, &'static str> {
        let file: SavedChanges<T::Answer> =
            serde_json::from_str(text).map_err(|_| "sync.import_unreadable")?;
        if file.kind != T::KIND || file.id != self.pending.target.id() {
            return Err("sync.import_elsewhere");
        }
        let mut pending = self.pending.load();
        for answer in &file.answers {
            let newer = pending
                .get(answer.question_code())
                .is_none_or(|waiting| answer.changed_at() > waiting.changed_at());
            if newer {
                pending.insert(answer.question_code().to_owned(), answer.clone());
            }
        }
        self.pending.store(&pending);
        self.waiting.set(pending.len());
        // A refusal held before is the monitor's to look at again with these changes.
        self.state.set(SyncState::Sending);
        self.send_now();
        Ok(file.answers.len())
    }

    /// Keeps a change on the device at once and sends it shortly.
    pub fn record(self, answer: T::Answer) {
        self.pending.put(answer);
        self.waiting.set(self.pending.load().len());
        if !browser_online() {
            self.state.set(SyncState::Offline);
            return;
        }
        self.state.set(SyncState::Sending);
        set_timeout(
            move || self.send_now(),
            std::time::Duration::from_millis(SEND_AFTER_MS),
        );
    }

    /// Sends what is waiting. Safe to call after the page that started the sync is gone: the
    /// signals are then disposed, and what is still waiting stays in storage for next time.
    pub fn send_now(self) {
        let Some(in_flight) = self.in_flight.try_get_untracked() else {
            return;
        };
        if in_flight {
            // Another batch is on its way; send again when it is back.
            self.again.try_set(true);
            return;
        }
        let batch: Vec<T::Answer> = self.pending.load().into_values().collect();
        self.waiting.try_set(batch.len());
        if batch.is_empty() {
            self.state.try_set(SyncState::Saved);
            return;
        }
        if !browser_online() {
            self.state.try_set(SyncState::Offline);
            return;
        }
        self.in_flight.try_set(true);
        self.state.try_set(SyncState::Sending);
        leptos::task::spawn_local(async move {
            let result = self.pending.target.send(batch.clone()).await;
            // Storage first: the server has the batch even if the page has gone meanwhile.
            if let Ok(stored) = &result {
                self.pending.acknowledge(&batch, stored);
                self.stored.try_set(stored.clone());
            }
            let waiting = self.pending.load().len();
            self.in_flight.try_set(false);
            self.waiting.try_set(waiting);
            let state = match result {
                Ok(_) if waiting == 0 => Some(SyncState::Saved),
                Ok(_) => None,
                Err(ApiError::Network) => Some(SyncState::Offline),
                Err(ApiError::Server { status, body }) if status < 500 => {
                    Some(SyncState::Refused(body.code))
                }
                Err(ApiError::Server { .. }) => Some(SyncState::Offline),
            };
            if let Some(state) = state {
                self.state.try_set(state);
            }
            if self.again.try_get_untracked() == Some(true) {
                self.again.try_set(false);
                if waiting > 0 && browser_online() {
                    self.send_now();
                }
            }
        });
    }
}

/// Where the answers are: on the server, on their way, or kept on this device.
#[component]
pub fn SyncBadge<T: AnswerTarget>(sync: AnswerSync<T>) -> impl IntoView {
    let i18n = use_i18n();
    let text = move || {
        let waiting = sync.waiting.get().to_string();
        match sync.state.get() {
            SyncState::Saved => i18n.t("sync.saved"),
            SyncState::Sending => i18n.t("sync.sending"),
            SyncState::Offline => i18n.t_with("sync.offline", &[("count", &waiting)]),
            SyncState::Refused(code) => {
                format!(
                    "{} {}",
                    i18n.t_with("sync.refused", &[("count", &waiting)]),
                    i18n.t(&format!("error.{code}"))
                )
            }
        }
    };
    let class = move || match sync.state.get() {
        SyncState::Saved => "sync-badge saved",
        SyncState::Sending => "sync-badge sending",
        SyncState::Offline => "sync-badge offline",
        SyncState::Refused(_) => "sync-badge refused",
    };
    view! {
        <p class=class role="status" aria-live="polite" data-testid="sync-status" data-state=move || match sync.state.get() {
            SyncState::Saved => "saved",
            SyncState::Sending => "sending",
            SyncState::Offline => "offline",
            SyncState::Refused(_) => "refused",
        }>
            {text}
            <Show when=move || matches!(sync.state.get(), SyncState::Offline)>
                <button type="button" class="button small secondary" on:click=move |_| sync.send_now()>
                    {move || i18n.t("sync.retry")}
                </button>
            </Show>
            <Show when=move || matches!(sync.state.get(), SyncState::Refused(_))>
                <RefusedActions sync=sync/>
            </Show>
        </p>
    }
}

/// What the monitor can do with changes the server refused: send them again (after correcting
/// an answer, or once the reason is gone), keep them in a file, or discard them.
#[component]
fn RefusedActions<T: AnswerTarget>(sync: AnswerSync<T>) -> impl IntoView {
    let i18n = use_i18n();
    let confirming = RwSignal::new(false);
    view! {
        <span class="sync-actions">
            <button type="button" class="button small secondary" data-testid="sync-retry" on:click=move |_| sync.send_now()>
                {move || i18n.t("sync.retry")}
            </button>
            <button type="button" class="button small secondary" data-testid="sync-save-file" on:click=move |_| sync.save_to_file()>
                {move || i18n.t("sync.save_file")}
            </button>
            <Show
                when=move || confirming.get()
                fallback=move || view! {
                    <button type="button" class="button small danger" data-testid="sync-discard" on:click=move |_| confirming.set(true)>
                        {move || i18n.t("sync.discard")}
                    </button>
                }
            >
                <span role="alert">{move || i18n.t("sync.discard_confirm")}</span>
                <button type="button" class="button small danger" data-testid="sync-discard-confirm" on:click=move |_| { confirming.set(false); sync.discard(); }>
                    {move || i18n.t("sync.discard")}
                </button>
                <button type="button" class="button small secondary" on:click=move |_| confirming.set(false)>
                    {move || i18n.t("common.cancel")}
                </button>
            </Show>
        </span>
    }
}
