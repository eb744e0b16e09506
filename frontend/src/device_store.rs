//! Where the device keeps what was typed and is not on the server yet (the answer queues and
//! the visits' facts): IndexedDB, which holds far more than `localStorage`'s few megabytes and
//! which the browser keeps with the persistent storage the app asks for.
//!
//! The app reads the queues synchronously while it renders, so the store is mirrored in memory:
//! [`open`] loads it once before the app starts, every change updates the mirror at once and is
//! written to IndexedDB in the same moment (its own transaction, committed by the browser even
//! if the page goes). Where IndexedDB cannot be opened (some private modes), `localStorage`
//! takes its place, as it did before.
//!
//! Entries kept in `localStorage` by earlier versions move into IndexedDB on the first start.

use std::cell::RefCell;
use std::collections::BTreeMap;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{IdbDatabase, IdbTransactionMode};

const DATABASE: &str = "ims-device";
const STORE: &str = "queue";
/// The keys of everything the store holds start so (in `localStorage` too).
const PREFIX: &str = "ims.pending";

thread_local! {
    static ENTRIES: RefCell<BTreeMap<String, String>> = const { RefCell::new(BTreeMap::new()) };
    static DATABASE_HANDLE: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Waits for an IndexedDB request and gives its result.
async fn settled(request: &web_sys::IdbRequest) -> Result<JsValue, JsValue> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let target = request.clone();
        let on_success = Closure::once_into_js(move || {
            let _ = resolve.call1(
                &JsValue::NULL,
                &target.result().unwrap_or(JsValue::UNDEFINED),
            );
        });
        let on_error = Closure::once_into_js(move || {
            let _ = reject.call0(&JsValue::NULL);
        });
        request.set_onsuccess(Some(on_success.unchecked_ref()));
        request.set_onerror(Some(on_error.unchecked_ref()));
    });
    wasm_bindgen_futures::JsFuture::from(promise).await
}

async fn open_database() -> Result<IdbDatabase, JsValue> {
    let factory = web_sys::window()
        .ok_or(JsValue::NULL)?
        .indexed_db()?
        .ok_or(JsValue::NULL)?;
    let request = factory.open_with_u32(DATABASE, 1)?;
    let on_upgrade = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        let database = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::IdbOpenDbRequest>().ok())
            .and_then(|request| request.result().ok())
            .and_then(|result| result.dyn_into::<IdbDatabase>().ok());
        if let Some(database) = database {
            let _ = database.create_object_store(STORE);
        }
    });
    request.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
    let database = settled(&request).await;
    drop(on_upgrade);
    database?.dyn_into::<IdbDatabase>()
}

async fn load_all(database: &IdbDatabase) -> Result<BTreeMap<String, String>, JsValue> {
    let store = database.transaction_with_str(STORE)?.object_store(STORE)?;
    let keys = js_sys::Array::from(&settled(&store.get_all_keys()?).await?);
    let values = js_sys::Array::from(&settled(&store.get_all()?).await?);
    Ok(keys
        .iter()
        .zip(values.iter())
        .filter_map(|(key, value)| Some((key.as_string()?, value.as_string()?)))
        .collect())
}

/// Opens the store and loads it into memory; the app starts once it is done.
pub async fn open() {
    let opened = match open_database().await {
        Ok(database) => load_all(&database).await.map(|entries| (database, entries)),
        Err(error) => Err(error),
    };
    match opened {
        Ok((database, entries)) => {
            ENTRIES.with(|mirror| *mirror.borrow_mut() = entries);
            DATABASE_HANDLE.with(|handle| *handle.borrow_mut() = Some(database));
            move_from_local_storage();
        }
        Err(_) => {
            leptos::logging::warn!(
                "IndexedDB is not available: unsent changes stay in localStorage"
            );
            let entries = local_entries();
            ENTRIES.with(|mirror| *mirror.borrow_mut() = entries);
        }
    }
}

/// The queue entries an earlier version kept in `localStorage`.
fn local_entries() -> BTreeMap<String, String> {
    let Some(storage) = local_storage() else {
        return BTreeMap::new();
    };
    (0..storage.length().unwrap_or(0))
        .filter_map(|index| storage.key(index).ok().flatten())
        .filter(|key| key.starts_with(PREFIX))
        .filter_map(|key| Some((key.clone(), storage.get_item(&key).ok().flatten()?)))
        .collect()
}

fn move_from_local_storage() {
    let Some(storage) = local_storage() else {
        return;
    };
    for (key, value) in local_entries() {
        // An entry already in IndexedDB is newer than one left in localStorage.
        if get(&key).is_none() {
            set(&key, &value);
        }
        let _ = storage.remove_item(&key);
    }
}

/// Writes one change to IndexedDB (or `localStorage` when there is none): `None` deletes.
fn persist(key: &str, value: Option<&str>) {
    let written = DATABASE_HANDLE.with(|handle| {
        let handle = handle.borrow();
        let database = handle.as_ref()?;
        let store = database
            .transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite)
            .and_then(|transaction| transaction.object_store(STORE))
            .ok()?;
        let request = match value {
            Some(value) => store.put_with_key(&JsValue::from_str(value), &JsValue::from_str(key)),
            None => store.delete(&JsValue::from_str(key)),
        };
        Some(request.is_ok())
    });
    if written.is_none() {
        if let Some(storage) = local_storage() {
            let _ = match value {
                Some(value) => storage.set_item(key, value),
                None => storage.remove_item(key),
            };
        }
    }
}

pub fn get(key: &str) -> Option<String> {
    ENTRIES.with(|mirror| mirror.borrow().get(key).cloned())
}

pub fn set(key: &str, value: &str) {
    ENTRIES.with(|mirror| mirror.borrow_mut().insert(key.to_owned(), value.to_owned()));
    persist(key, Some(value));
}

pub fn remove(key: &str) {
    let held = ENTRIES.with(|mirror| mirror.borrow_mut().remove(key).is_some());
    if held {
        persist(key, None);
    }
}

/// Every key the store holds.
pub fn keys() -> Vec<String> {
    ENTRIES.with(|mirror| mirror.borrow().keys().cloned().collect())
}
