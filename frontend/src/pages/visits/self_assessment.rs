//! What a monitor preparing a visit learns from the factory's own latest completed
//! self-assessment: when it was done, its rate, and its blind spots against the latest
//! official report (its notes stay the factory's unless shared).

use leptos::prelude::*;
use leptos_router::components::A;
use shared::analytics::percent;

use crate::components::visit::format_time;
use crate::i18n::use_i18n;
use crate::pages::self_assessment::latest_result;

#[component]
pub fn FactorySelfAssessmentPanel(factory_id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let result = LocalResource::new(move || latest_result(factory_id));
    view! {
        <section class="panel" data-testid="factory-self-assessment">
            <h2>{move || i18n.t("visits.self_assessment_title")}</h2>
            <Transition fallback=move || view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }>
                {move || result.get().map(|loaded| match loaded {
                    Ok(Some(result)) => {
                        let id = result.summary.id;
                        let completed = result.summary.completed_at.map(format_time).unwrap_or_default();
                        let rate = percent(result.summary.non_compliance_rate);
                        let blind_spots = result.blind_spots.clone();
                        let count = blind_spots.len().to_string();
                        view! {
                            <p>
                                {move || i18n.t_with("visits.self_assessment_summary", &[("date", &completed), ("rate", &rate)])}
                                " "
                                <A href=format!("/self-assessments/{id}/result")>{move || i18n.t("visits.self_assessment_open")}</A>
                            </p>
                            <p>{move || i18n.t_with("visits.self_assessment_blind_spots", &[("count", &count)])}</p>
                            <ul class="compact-list">
                                {blind_spots.into_iter().map(|point| {
                                    let name = point.point_name.clone();
                                    view! { <li>{point.point_code.clone()}" · "{move || name.get(i18n.lang().code()).to_owned()}</li> }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }
                    Ok(None) => view! { <p class="hint">{move || i18n.t("visits.self_assessment_none")}</p> }.into_any(),
                    // A page about the visit should not fail because of this panel.
                    Err(_) => view! { <p class="hint">{move || i18n.t("visits.self_assessment_unavailable")}</p> }.into_any(),
                })}
            </Transition>
        </section>
    }
}
