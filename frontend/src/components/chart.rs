//! Charts drawn by ECharts through charming. They take data and never fetch it.

use charming::component::{Axis, Grid, Legend};
use charming::element::{AxisLabel, AxisType, Tooltip, Trigger};
use charming::series::{Bar, Line};
use charming::{Chart, WasmRenderer};
use leptos::html::Div;
use leptos::prelude::*;

/// Bars for two measures of the same categories, each on its own axis (for example workers
/// and factories per province).
#[derive(Clone, Debug, PartialEq)]
pub struct TwoMeasureBars {
    pub categories: Vec<String>,
    pub first_name: String,
    pub first_values: Vec<i64>,
    pub second_name: String,
    pub second_values: Vec<i64>,
}

fn build_chart(data: &TwoMeasureBars) -> Chart {
    Chart::new()
        // Figures should be readable at once on slow tablets, and printed charts complete.
        .animation(false)
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().top("0"))
        .grid(
            Grid::new()
                .left("3%")
                .right("3%")
                .bottom("3%")
                .contain_label(true),
        )
        .x_axis(
            Axis::new()
                .type_(AxisType::Category)
                .data(data.categories.clone()),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Value)
                .name(data.first_name.clone()),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Value)
                .name(data.second_name.clone())
                .min_interval(1.0),
        )
        .series(
            Bar::new()
                .name(data.first_name.clone())
                .data(data.first_values.clone()),
        )
        .series(
            Bar::new()
                .name(data.second_name.clone())
                .y_axis_index(1.0)
                .data(data.second_values.clone()),
        )
}

/// A bar chart that redraws when its data (or language of its labels) changes.
#[component]
pub fn TwoMeasureBarChart(
    /// DOM id of the chart's container; unique on the page.
    id: &'static str,
    #[prop(into)] data: Signal<TwoMeasureBars>,
    /// Accessible description of what the chart shows.
    #[prop(into)]
    label: Signal<String>,
) -> impl IntoView {
    let container = NodeRef::<Div>::new();
    Effect::new(move |_| {
        let data = data.get();
        if let Some(element) = container.get() {
            let width = element.client_width().max(280) as u32;
            let height = if width < 500 { 300 } else { 360 };
            draw(id, &element, height, &build_chart(&data));
        }
    });
    view! {
        <div
            class="chart"
            id=id
            node_ref=container
            role="img"
            aria-label=move || label.get()
            data-testid=id
        ></div>
    }
}

/// Draws `chart` into `element` (whose DOM id is `id`) at the element's width, once ECharts is
/// there.
fn draw(id: &str, element: &web_sys::HtmlDivElement, height: u32, chart: &Chart) {
    let (id, element, chart) = (id.to_owned(), element.clone(), chart.clone());
    with_echarts(move || {
        // The page may have been left while ECharts loaded.
        if !element.is_connected() {
            return;
        }
        let width = element.client_width().max(280) as u32;
        // ECharts remembers its instance on the element: start afresh on each redraw.
        element.set_inner_html("");
        let _ = element.remove_attribute("_echarts_instance_");
        if let Err(error) = WasmRenderer::new(width, height).render(&id, &chart) {
            leptos::logging::warn!("chart {id} could not be drawn: {error:?}");
        }
    });
}

/// The ECharts build the app uses (bar and line charts only; `frontend/js/echarts-charts.js`),
/// copied into `dist/` by Trunk. It is not part of the first load: a page without charts (the
/// login page) never downloads it.
const ECHARTS_SCRIPT: &str = "/echarts-charts.js";

/// A chart's drawing, waiting for ECharts.
type PendingDraw = Box<dyn FnOnce()>;

thread_local! {
    /// Charts waiting for ECharts; `None` until it is first asked for (or after it failed to
    /// load, so that the next chart asks again).
    static WAITING_FOR_ECHARTS: std::cell::RefCell<Option<Vec<PendingDraw>>> =
        const { std::cell::RefCell::new(None) };
}

fn echarts_loaded() -> bool {
    js_sys::Reflect::has(&js_sys::global(), &"echarts".into()).unwrap_or(false)
}

/// Runs `draw` now if ECharts is loaded, otherwise when it has loaded (adding its script the
/// first time).
fn with_echarts(draw: impl FnOnce() + 'static) {
    if echarts_loaded() {
        draw();
        return;
    }
    let first = WAITING_FOR_ECHARTS.with(|waiting| {
        let mut waiting = waiting.borrow_mut();
        let first = waiting.is_none();
        waiting.get_or_insert_with(Vec::new).push(Box::new(draw));
        first
    });
    if first {
        load_echarts();
    }
}

fn load_echarts() {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(script) = document.create_element("script") else {
        return;
    };
    let _ = script.set_attribute("src", ECHARTS_SCRIPT);
    let on_load = Closure::<dyn FnMut()>::new(|| {
        let waiting = WAITING_FOR_ECHARTS.with(|waiting| waiting.borrow_mut().take());
        for draw in waiting.unwrap_or_default() {
            draw();
        }
    });
    let on_error = Closure::<dyn FnMut()>::new(|| {
        WAITING_FOR_ECHARTS.with(|waiting| waiting.borrow_mut().take());
        // Each chart keeps its table; the next chart asks again.
        leptos::logging::warn!("the charts could not be loaded");
        if let Some(old) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| {
                d.query_selector(&format!("script[src='{ECHARTS_SCRIPT}']"))
                    .ok()
            })
            .flatten()
        {
            old.remove();
        }
    });
    let _ = script.add_event_listener_with_callback("load", on_load.as_ref().unchecked_ref());
    let _ = script.add_event_listener_with_callback("error", on_error.as_ref().unchecked_ref());
    // The script is added once per page load (or again after a failure): keeping the two
    // small closures alive for good is simpler than tracking them.
    on_load.forget();
    on_error.forget();
    if let Some(head) = document.head() {
        let _ = head.append_child(&script);
    }
}

/// How a series is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeriesKind {
    Bar,
    Line,
}

/// One named series of values, one per category; `None` leaves a gap (nothing assessed).
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub name: String,
    pub kind: SeriesKind,
    pub values: Vec<Option<f64>>,
    /// Drawn against the second value axis (for example workers beside a rate).
    pub second_axis: bool,
}

/// Categories and the series measured on them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SeriesData {
    pub categories: Vec<String>,
    pub series: Vec<Series>,
    /// Name of the value axis.
    pub axis_name: String,
    /// Name of the second value axis, when a series uses one.
    pub second_axis_name: Option<String>,
    /// The first value axis is a percentage from 0 to 100.
    pub percent: bool,
    /// Categories run down the side, for long labels such as issue names.
    pub horizontal: bool,
}

impl SeriesData {
    /// Horizontal charts grow with their categories so every label stays readable.
    fn height(&self, width: u32) -> u32 {
        if self.horizontal {
            (self.categories.len() as u32 * 28 + 80).max(240)
        } else if width < 500 {
            300
        } else {
            360
        }
    }
}

fn value_axis(name: &str, percent: bool) -> Axis {
    let axis = Axis::new().type_(AxisType::Value).name(name.to_owned());
    if percent {
        axis.min(0)
            .max(100)
            .axis_label(AxisLabel::new().formatter("{value}%"))
    } else {
        // Counts of factories or workers: no fractional ticks.
        axis.min_interval(1.0)
    }
}

fn build_series_chart(data: &SeriesData) -> Chart {
    let mut categories = Axis::new()
        .type_(AxisType::Category)
        .data(data.categories.clone());
    if !data.horizontal && data.categories.len() > 4 {
        // Slanted so that long (Khmer) names do not hide each other; a few categories (such
        // as the eight clusters) are all named, long series (periods) keep ECharts' spacing.
        let label = AxisLabel::new().rotate(30);
        let label = if data.categories.len() <= 12 {
            label.interval(0)
        } else {
            label
        };
        categories = categories.axis_label(label);
    }
    let values = value_axis(&data.axis_name, data.percent);
    let mut chart = Chart::new()
        .animation(false)
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().top("0"))
        .grid(
            Grid::new()
                .left("3%")
                .right("4%")
                .top("60")
                .bottom("3%")
                .contain_label(true),
        );
    chart = if data.horizontal {
        // Most important first: ECharts draws the first category at the bottom otherwise.
        chart.y_axis(categories.inverse(true)).x_axis(values)
    } else {
        chart.x_axis(categories).y_axis(values)
    };
    if let Some(second) = &data.second_axis_name {
        chart = chart.y_axis(value_axis(second, false));
    }
    for series in &data.series {
        let axis_index = if series.second_axis { 1.0 } else { 0.0 };
        chart = match series.kind {
            SeriesKind::Bar => chart.series(
                Bar::new()
                    .name(series.name.clone())
                    .y_axis_index(axis_index)
                    .data(series.values.clone()),
            ),
            SeriesKind::Line => chart.series(
                Line::new()
                    .name(series.name.clone())
                    .y_axis_index(axis_index)
                    .data(series.values.clone()),
            ),
        };
    }
    chart
}

/// A bar or line chart of several series that redraws when its data (or the language of
/// its labels) changes. Pair it with a [`crate::components::data_table::DataTable`] of the
/// same figures so that they can also be read and downloaded.
#[component]
pub fn SeriesChart(
    /// DOM id of the chart's container; unique on the page.
    #[prop(into)]
    id: String,
    #[prop(into)] data: Signal<SeriesData>,
    /// Accessible description of what the chart shows.
    #[prop(into)]
    label: Signal<String>,
) -> impl IntoView {
    let container = NodeRef::<Div>::new();
    let dom_id = id.clone();
    Effect::new(move |_| {
        let data = data.get();
        if let Some(element) = container.get() {
            let height = data.height(element.client_width().max(280) as u32);
            draw(&dom_id, &element, height, &build_series_chart(&data));
        }
    });
    view! {
        <div
            class="chart"
            id=id.clone()
            node_ref=container
            role="img"
            aria-label=move || label.get()
            data-testid=id
        ></div>
    }
}
