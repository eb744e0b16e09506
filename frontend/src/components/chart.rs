//! Charts drawn by ECharts through charming. They take data and never fetch it.

use charming::component::{Axis, Grid, Legend};
use charming::element::{AxisType, Tooltip, Trigger};
use charming::series::Bar;
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
        let Some(element) = container.get() else {
            return;
        };
        let width = element.client_width().max(280) as u32;
        let height = if width < 500 { 300 } else { 360 };
        // ECharts remembers its instance on the element: start afresh on each redraw.
        element.set_inner_html("");
        let _ = element.remove_attribute("_echarts_instance_");
        if let Err(error) = WasmRenderer::new(width, height).render(id, &build_chart(&data)) {
            leptos::logging::warn!("chart {id} could not be drawn: {error:?}");
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
