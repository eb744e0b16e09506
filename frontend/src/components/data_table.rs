//! A table of figures with a button that downloads exactly those cells as CSV. Every chart
//! of the reports and analytics pages has one beside it.

use leptos::prelude::*;
use leptos_router::components::A;
use shared::table::TableData;
use wasm_bindgen::JsCast;

use crate::i18n::use_i18n;

/// Saves `text` as a file named `file_name` through a temporary link, the one way a browser
/// lets a page offer a download it built itself.
pub fn download_text(file_name: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(link) = document().create_element("a") {
        if let Ok(link) = link.dyn_into::<web_sys::HtmlAnchorElement>() {
            link.set_href(&url);
            link.set_download(file_name);
            link.click();
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// The figures as a table, with a CSV download of the same cells. The first column is a
/// row heading, a link when `row_links` gives the row an address (the CSV keeps the text).
#[component]
pub fn DataTable(
    /// `data-testid` of the table; the download button is `{testid}-csv`.
    testid: &'static str,
    #[prop(into)] data: Signal<TableData>,
    /// File name of the download, without `.csv`.
    #[prop(into)]
    file_name: Signal<String>,
    /// Accessible name of the table.
    #[prop(into)]
    caption: Signal<String>,
    /// Where each row's heading leads, row by row (`None`: plain text).
    #[prop(optional, into)]
    row_links: Option<Signal<Vec<Option<String>>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let download = move |_| {
        let csv = data.with(|table| table.to_csv());
        download_text(
            &format!("{}.csv", file_name.get()),
            "text/csv;charset=utf-8",
            &csv,
        );
    };
    view! {
        <div class="data-table">
            <div class="table-wrap">
                <table data-testid=testid>
                    <caption class="visually-hidden">{move || caption.get()}</caption>
                    <thead>
                        <tr>
                            {move || data.with(|table| table.headers.iter().map(|header| {
                                view! { <th scope="col">{header.clone()}</th> }
                            }).collect_view())}
                        </tr>
                    </thead>
                    <tbody>
                        {move || data.with(|table| table.rows.iter().enumerate().map(|(index, row)| {
                            let mut cells = row.iter();
                            let heading = cells.next().cloned().unwrap_or_default();
                            let link = row_links
                                .and_then(|links| links.with(|links| links.get(index).cloned().flatten()));
                            let heading = match link {
                                Some(href) => view! { <A href=href>{heading}</A> }.into_any(),
                                None => heading.into_any(),
                            };
                            view! {
                                <tr>
                                    <th scope="row">{heading}</th>
                                    {cells.map(|cell| view! { <td>{cell.clone()}</td> }).collect_view()}
                                </tr>
                            }
                        }).collect_view())}
                    </tbody>
                </table>
            </div>
            <button
                type="button"
                class="button secondary download"
                data-testid=format!("{testid}-csv")
                on:click=download
            >
                {move || i18n.t("table.download_csv")}
            </button>
        </div>
    }
}
