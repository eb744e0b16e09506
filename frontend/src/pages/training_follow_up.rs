//! What follows training. `/training/factories/:id`: a factory's training record — the
//! sessions it was invited to with its compliance on the course's points before and after,
//! the trainers' needs assessments, and its improvement plan (actions on the trained points,
//! posted and followed up by the factory's manager, checked by a monitor at a later visit);
//! the training unit records a needs assessment at one of the factory's clarification
//! meetings. `/training/reports`: whether training changed compliance, course by course, and
//! participation by course, period and factory group, by sex.

use std::collections::BTreeSet;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared::analytics::{percent, Granularity, GroupDimension, MIN_FACTORIES_IN_A_FIGURE};
use shared::api::corrective_actions::{ActionUpdateInput, NewCorrectiveAction, VerificationInput};
use shared::api::training::{
    Course, CourseEffect, EffectGroup, FactoryTraining, MeetingRef, NeedsAssessment,
    NeedsAssessmentInput, NewPlanAction, ParticipationReport, ParticipationRow, PlanAction,
    PointsChange,
};
use shared::checklist::{ChecklistContent, Translated};
use shared::table::TableData;
use shared::training::{needs_assessment_problems, SessionStatus};

use crate::api::{self, ApiError};
use crate::components::chart::{Series, SeriesChart, SeriesData, SeriesKind};
use crate::components::corrective_actions::ActionView;
use crate::components::data_table::DataTable;
use crate::components::figures::{dimension_label, group_label};
use crate::components::form::{
    field_errors, form_message, refused, Notice, SelectField, TextAreaField,
};
use crate::i18n::{use_i18n, I18n};
use crate::pages::reports::corrective_actions::{NewActionForm, UpdateForm};
use crate::pages::reports::CheckAtVisitForm;
use crate::pages::LoadError;

fn id_param() -> i64 {
    use_params_map().with_untracked(|p| {
        p.get("id")
            .and_then(|id| id.parse::<i64>().ok())
            .unwrap_or_default()
    })
}

/// "50% → 100%", or a dash where there is no assessment to compare.
fn before_after(change: PointsChange) -> String {
    match (change.before, change.after) {
        (None, None) => "—".to_owned(),
        (before, after) => format!("{} → {}", percent(before), percent(after)),
    }
}

#[component]
pub fn FactoryTrainingPage() -> impl IntoView {
    let i18n = use_i18n();
    let factory_id = id_param();
    let record = RwSignal::new(None::<FactoryTraining>);
    let load_error = RwSignal::new(None::<ApiError>);
    let load = move || {
        let request = api::training::factory_training(factory_id);
        leptos::task::spawn_local(async move {
            match request.await {
                Ok(loaded) => {
                    load_error.set(None);
                    record.set(Some(loaded));
                }
                Err(error) => load_error.set(Some(error)),
            }
        });
    };
    load();
    let retry = Callback::new(move |_| load());
    let on_saved = Callback::new(move |saved: FactoryTraining| record.set(Some(saved)));
    // Point names come from the checklist in use; codes are shown until it arrives.
    let checklist = LocalResource::new(api::checklists::current);
    let content = Signal::derive(move || {
        checklist
            .get()
            .and_then(Result::ok)
            .flatten()
            .map(|detail| detail.content)
    });
    let assess = Memo::new(move |_| {
        record.with(|record| {
            record
                .as_ref()
                .filter(|r| r.may_assess && !r.meetings.is_empty())
                .map(|r| (r.factory_id, r.meetings.clone()))
        })
    });
    view! {
        <A href="/training" attr:class="back-link">{move || i18n.t("training.back")}</A>
        {move || load_error.get().map(|error| view! { <LoadError error=error retry=retry/> })}
        {move || record.get().map(|record| view! { <FactoryTrainingView record=record on_saved=on_saved/> })}
        // Drawn apart from the record so that saving keeps the form and its confirmation.
        {move || assess.get().map(|(factory_id, meetings)| view! {
            <NeedsAssessmentForm factory_id=factory_id meetings=meetings content=content on_saved=on_saved/>
        })}
        {move || (record.get().is_none() && load_error.get().is_none()).then(|| view! {
            <p class="loading" role="status">{i18n.t("common.loading")}</p>
        })}
    }
}

#[component]
fn FactoryTrainingView(
    record: FactoryTraining,
    on_saved: Callback<FactoryTraining>,
) -> impl IntoView {
    let i18n = use_i18n();
    let factory_id = record.factory_id;
    let rows = record
        .sessions
        .iter()
        .map(|session| {
            let title = StoredValue::new(session.course_title.clone());
            let href = format!("/training/sessions/{}", session.session_id);
            let status_key = format!("training.status.{}", session.status.as_str());
            view! {
                <tr>
                    <td><A href=href>{move || title.with_value(|t| t.get(i18n.lang().code()).to_owned())}</A></td>
                    <td>{session.starts_on.clone()}" – "{session.ends_on.clone()}</td>
                    <td>{move || i18n.t(&status_key)}</td>
                    <td class="number">{session.attended}</td>
                    <td data-testid="points-change">{before_after(session.change)}</td>
                </tr>
            }
        })
        .collect_view();
    let sessions_table = if record.sessions.is_empty() {
        view! { <p>{move || i18n.t("training_plan.no_sessions")}</p> }.into_any()
    } else {
        view! {
            <div class="table-wrap">
                <table data-testid="factory-sessions">
                    <thead>
                        <tr>
                            <th scope="col">{move || i18n.t("training.course")}</th>
                            <th scope="col">{move || i18n.t("training.dates")}</th>
                            <th scope="col">{move || i18n.t("training.status")}</th>
                            <th scope="col" class="number">{move || i18n.t("training_plan.attended")}</th>
                            <th scope="col">{move || i18n.t("training_plan.points_change")}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p class="hint">{move || i18n.t("training_plan.points_change_hint")}</p>
        }
        .into_any()
    };
    let plan = StoredValue::new(record.plan.clone());
    let names = &record.point_names;
    let (may_post, may_verify) = (record.may_post, record.may_verify);
    // The sessions a plan may follow: held, with someone from the factory there.
    let session_blocks = record
        .sessions
        .iter()
        .filter(|s| s.status == SessionStatus::Held && s.attended > 0)
        .map(|session| {
            let title = StoredValue::new(session.course_title.clone());
            let session_id = session.session_id;
            let points = session
                .points
                .iter()
                .map(|code| {
                    let actions = plan.with_value(|plan| {
                        plan.iter()
                            .filter(|a| a.session_id == Some(session_id) && &a.action.question_code == code)
                            .cloned()
                            .collect::<Vec<_>>()
                    });
                    view! {
                        <PlanPoint
                            code=code.clone()
                            name=names.get(code).cloned().unwrap_or_default()
                            actions=actions
                            source=(Some(session_id), None)
                            factory_id=factory_id
                            may_post=may_post
                            may_verify=may_verify
                            on_saved=on_saved
                        />
                    }
                })
                .collect_view();
            view! {
                <div class="plan-source" data-testid="plan-session" data-session=session_id>
                    <h3>{move || title.with_value(|t| t.get(i18n.lang().code()).to_owned())}" · "{session.starts_on.clone()}</h3>
                    <ol class="cap-findings">{points}</ol>
                </div>
            }
        })
        .collect_view();
    let needs_blocks = record
        .needs_assessments
        .iter()
        .map(|needs| {
            let points = needs
                .points
                .iter()
                .map(|code| {
                    let needs_id = needs.id;
                    let actions = plan.with_value(|plan| {
                        plan.iter()
                            .filter(|a| {
                                a.needs_assessment_id == Some(needs_id)
                                    && &a.action.question_code == code
                            })
                            .cloned()
                            .collect::<Vec<_>>()
                    });
                    view! {
                        <PlanPoint
                            code=code.clone()
                            name=names.get(code).cloned().unwrap_or_default()
                            actions=actions
                            source=(None, Some(needs_id))
                            factory_id=factory_id
                            may_post=may_post
                            may_verify=may_verify
                            on_saved=on_saved
                        />
                    }
                })
                .collect_view();
            view! {
                <div class="plan-source" data-testid="needs-assessment">
                    <NeedsView needs=needs.clone()/>
                    <ol class="cap-findings">{points}</ol>
                </div>
            }
        })
        .collect_view();
    let has_sources = record
        .sessions
        .iter()
        .any(|s| s.status == SessionStatus::Held && s.attended > 0)
        || !record.needs_assessments.is_empty();
    view! {
        <section class="page-head">
            <p class="eyebrow">{move || i18n.t("training_plan.eyebrow")}</p>
            <h1>{record.factory_name.clone()}</h1>
            <p class="subtitle">{move || i18n.t("training_plan.intro")}</p>
        </section>
        <section class="panel">
            <h2>{move || i18n.t("training_plan.sessions")}</h2>
            {sessions_table}
        </section>
        <section class="panel corrective-actions" data-testid="improvement-plan">
            <h2>{move || i18n.t("training_plan.title")}</h2>
            <p class="hint">{move || i18n.t(if may_post { "training_plan.intro_factory" } else { "training_plan.intro_staff" })}</p>
            {(!has_sources).then(|| view! { <p>{move || i18n.t("training_plan.nothing_to_plan")}</p> })}
            {session_blocks}
            {needs_blocks}
        </section>
    }
}

/// One compliance point of a session or needs assessment: the plan's actions on it, their
/// follow-up, and the factory manager's form for one more.
#[component]
fn PlanPoint(
    code: String,
    name: Translated,
    actions: Vec<PlanAction>,
    source: (Option<i64>, Option<i64>),
    factory_id: i64,
    may_post: bool,
    may_verify: bool,
    on_saved: Callback<FactoryTraining>,
) -> impl IntoView {
    let i18n = use_i18n();
    let name = StoredValue::new(name);
    let name = move || name.with_value(|n| n.get(i18n.lang().code()).to_owned());
    let items = actions
        .into_iter()
        .map(|planned| {
            let id = planned.action.id;
            view! {
                <ActionView action=planned.action>
                    {may_post.then(|| view! {
                        <UpdateForm
                            action_id=id
                            send=move |body: ActionUpdateInput| async move {
                                api::training::post_plan_update(id, &body).await
                            }
                            on_saved=on_saved
                        />
                    })}
                    {may_verify.then(|| view! {
                        <CheckAtVisitForm
                            id=format!("verify-plan-{id}")
                            testid="verify-action"
                            note_label="cap.verification_note"
                            verified_label="cap.mark_verified"
                            not_verified_label="cap.mark_not_verified"
                            send=move |body: VerificationInput| async move {
                                api::training::verify_plan_action(id, &body).await
                            }
                            on_saved=on_saved
                        />
                    })}
                </ActionView>
            }
        })
        .collect_view();
    let prefix = match source {
        (Some(session), _) => format!("plan-s{session}"),
        (_, Some(needs)) => format!("plan-n{needs}"),
        _ => "plan".to_owned(),
    };
    view! {
        <li class="cap-finding" data-testid="plan-point" data-point=code.clone()>
            <h4><span class="question-code">{code.clone()}</span>" "{name}</h4>
            <ul class="corrective-action-list">{items}</ul>
            {may_post.then(|| view! {
                <NewActionForm
                    id_prefix=prefix
                    question_code=code.clone()
                    send=move |action: NewCorrectiveAction| async move {
                        let body = NewPlanAction {
                            session_id: source.0,
                            needs_assessment_id: source.1,
                            action,
                        };
                        api::training::add_plan_action(factory_id, &body).await
                    }
                    on_saved=on_saved
                />
            })}
        </li>
    }
}

#[component]
fn NeedsView(needs: NeedsAssessment) -> impl IntoView {
    let i18n = use_i18n();
    let date = shared::date::cambodia_date(needs.assessed_at);
    let courses = StoredValue::new(needs.courses.clone());
    let course_titles = move || {
        courses.with_value(|courses| {
            courses
                .iter()
                .map(|c| c.title.get(i18n.lang().code()).to_owned())
                .collect::<Vec<_>>()
                .join(" · ")
        })
    };
    let report = format!("/reports/{}", needs.visit_id);
    view! {
        <h3>{move || i18n.t("training_plan.needs_title")}" · "{date.clone()}</h3>
        <dl class="facts">
            <dt>{move || i18n.t("training_plan.assessed_by")}</dt>
            <dd>{needs.assessed_by_name.clone()}" · "<A href=report>{move || i18n.t("training_plan.meeting_report")}</A></dd>
            <dt>{move || i18n.t("training_plan.root_causes")}</dt>
            <dd class="prose">{needs.root_causes.clone()}</dd>
            <dt>{move || i18n.t("training_plan.recommended_courses")}</dt>
            <dd>{course_titles}</dd>
            <dt>{move || i18n.t("training_plan.recommended_actions")}</dt>
            <dd class="prose">{needs.recommended_actions.clone()}</dd>
        </dl>
    }
}

/// The training unit's needs assessment at one of the factory's clarification meetings.
#[component]
fn NeedsAssessmentForm(
    factory_id: i64,
    meetings: Vec<MeetingRef>,
    content: Signal<Option<ChecklistContent>>,
    on_saved: Callback<FactoryTraining>,
) -> impl IntoView {
    let i18n = use_i18n();
    let courses = LocalResource::new(api::training::courses);
    let meeting = RwSignal::new(String::new());
    let points = RwSignal::new(Vec::<String>::new());
    let root_causes = RwSignal::new(String::new());
    let chosen_courses = RwSignal::new(BTreeSet::<i64>::new());
    let actions = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let saved = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let meeting_options = Signal::derive(move || {
        meetings
            .iter()
            .map(|m| {
                let when = m.scheduled_for.clone().unwrap_or_default();
                let status = i18n.t(&format!("meetings.status.{}", m.status));
                (m.id.to_string(), format!("{when} · {status} · {}", m.topic))
            })
            .collect()
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        saved.set(false);
        let input = NeedsAssessmentInput {
            meeting_id: meeting.get_untracked().parse().unwrap_or(0),
            points: points.get_untracked(),
            root_causes: root_causes.get_untracked(),
            course_ids: chosen_courses.get_untracked().into_iter().collect(),
            recommended_actions: actions.get_untracked(),
        };
        let mut problems = content.with_untracked(|content| {
            needs_assessment_problems(
                &input,
                |code| {
                    content.as_ref().is_none_or(|c| {
                        c.clusters
                            .iter()
                            .flat_map(|cl| &cl.points)
                            .any(|p| p.code == code)
                    })
                },
                |_| true,
            )
        });
        if input.meeting_id == 0 {
            problems.push(shared::error::FieldError::new("meeting_id", "choose_one"));
        }
        if refused(problems, error) {
            return;
        }
        pending.set(true);
        leptos::task::spawn_local(async move {
            match api::training::assess_needs(factory_id, &input).await {
                Ok(record) => {
                    error.set(None);
                    saved.set(true);
                    on_saved.run(record);
                }
                Err(failure) => error.set(Some(failure)),
            }
            pending.set(false);
        });
    };
    let point_picker = move || {
        content.get().map(|content| {
            content
                .clusters
                .into_iter()
                .filter(|cluster| cluster.scored)
                .map(|cluster| {
                    let boxes = cluster
                        .points
                        .into_iter()
                        .map(|point| {
                            let code = point.code.clone();
                            let checked = code.clone();
                            let name = StoredValue::new(point.name);
                            view! {
                                <label class="check">
                                    <input
                                        type="checkbox"
                                        value=code.clone()
                                        prop:checked=move || points.with(|list| list.contains(&checked))
                                        on:change=move |event| {
                                            let on = event_target_checked(&event);
                                            points.update(|list| {
                                                list.retain(|c| c != &code);
                                                if on {
                                                    list.push(code.clone());
                                                }
                                            });
                                        }
                                    />
                                    " "<span class="question-code">{point.code.clone()}</span>" "
                                    {move || name.with_value(|n| n.get(i18n.lang().code()).to_owned())}
                                </label>
                            }
                        })
                        .collect_view();
                    let cluster_name = StoredValue::new(cluster.name);
                    view! {
                        <details class="topic-cluster">
                            <summary>{cluster.code.clone()}" "{move || cluster_name.with_value(|n| n.get(i18n.lang().code()).to_owned())}</summary>
                            <div class="topic-points">{boxes}</div>
                        </details>
                    }
                })
                .collect_view()
        })
    };
    let course_picker = move || {
        courses.get().and_then(Result::ok).map(|list: Vec<Course>| {
            list.into_iter()
                .map(|course| {
                    let id = course.id;
                    let title = StoredValue::new(course.title);
                    view! {
                        <label class="check">
                            <input
                                type="checkbox"
                                prop:checked=move || chosen_courses.with(|set| set.contains(&id))
                                on:change=move |event| {
                                    let on = event_target_checked(&event);
                                    chosen_courses.update(|set| {
                                        if on { set.insert(id); } else { set.remove(&id); }
                                    });
                                }
                            />
                            " "{move || title.with_value(|t: &Translated| t.get(i18n.lang().code()).to_owned())}
                        </label>
                    }
                })
                .collect_view()
        })
    };
    let list_errors = move |field: &'static str| {
        move || {
            let messages = field_errors(i18n, error, field).get();
            (!messages.is_empty())
                .then(|| view! { <p class="field-error" role="alert">{messages.join(" ")}</p> })
        }
    };
    view! {
        <section class="panel">
            <h2>{move || i18n.t("training_plan.assess_title")}</h2>
            <p class="hint">{move || i18n.t("training_plan.assess_intro")}</p>
            <form on:submit=submit novalidate data-testid="needs-assessment-form">
                <Notice message=form_message(i18n, error)/>
                {move || saved.get().then(|| view! { <p class="notice success" role="status">{i18n.t("training_plan.assess_saved")}</p> })}
                <SelectField id="needs-meeting" label=Signal::derive(move || i18n.t("training_plan.meeting")) value=meeting
                    choose=Signal::derive(move || i18n.t("common.choose")) options=meeting_options errors=field_errors(i18n, error, "meeting_id")/>
                <fieldset class="topics">
                    <legend>{move || i18n.t("training_plan.points")}</legend>
                    {point_picker}
                    {list_errors("points")}
                </fieldset>
                <TextAreaField id="needs-root-causes" label=Signal::derive(move || i18n.t("training_plan.root_causes")) value=root_causes
                    errors=field_errors(i18n, error, "root_causes")/>
                <fieldset class="topics">
                    <legend>{move || i18n.t("training_plan.recommended_courses")}</legend>
                    {course_picker}
                    {list_errors("course_ids")}
                </fieldset>
                <TextAreaField id="needs-actions" label=Signal::derive(move || i18n.t("training_plan.recommended_actions")) value=actions
                    errors=field_errors(i18n, error, "recommended_actions")/>
                <button type="submit" class="button primary" disabled=move || pending.get()>{move || i18n.t("training_plan.assess_save")}</button>
            </form>
        </section>
    }
}

/// A group's figures for the effect table: "before → after (change)", or "withheld" for a
/// small group.
fn group_cell(i18n: I18n, group: &EffectGroup) -> String {
    if group.withheld {
        i18n.t("training_effect.withheld")
    } else {
        format!(
            "{} → {} ({})",
            percent(group.before),
            percent(group.after),
            points_cell(group.change)
        )
    }
}

fn points_cell(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_owned(), |v| format!("{v:+.1}"))
}

fn effect_table(i18n: I18n, effects: &[CourseEffect]) -> TableData {
    let lang = i18n.lang().code();
    TableData {
        headers: vec![
            i18n.t("training.course"),
            i18n.t("training_effect.sessions_held"),
            i18n.t("training_effect.participants_count"),
            i18n.t("training_effect.participants_figures"),
            i18n.t("training_effect.others_count"),
            i18n.t("training_effect.others_figures"),
            i18n.t("training_effect.difference"),
        ],
        rows: effects
            .iter()
            .map(|e| {
                vec![
                    e.title.get(lang).to_owned(),
                    e.sessions_held.to_string(),
                    e.participants.factories.to_string(),
                    group_cell(i18n, &e.participants),
                    e.others.factories.to_string(),
                    group_cell(i18n, &e.others),
                    points_cell(e.difference),
                ]
            })
            .collect(),
    }
}

fn effect_chart(i18n: I18n, effects: &[CourseEffect]) -> SeriesData {
    let lang = i18n.lang().code();
    SeriesData {
        categories: effects
            .iter()
            .map(|e| e.title.get(lang).to_owned())
            .collect(),
        series: vec![
            Series {
                name: i18n.t("training_effect.participants_change"),
                kind: SeriesKind::Bar,
                values: effects.iter().map(|e| e.participants.change).collect(),
                second_axis: false,
            },
            Series {
                name: i18n.t("training_effect.others_change"),
                kind: SeriesKind::Bar,
                values: effects.iter().map(|e| e.others.change).collect(),
                second_axis: false,
            },
        ],
        axis_name: i18n.t("training_effect.axis"),
        second_axis_name: None,
        percent: false,
        horizontal: false,
    }
}

fn participation_table(
    i18n: I18n,
    first: String,
    rows: &[ParticipationRow],
    label: impl Fn(&ParticipationRow) -> String,
) -> TableData {
    TableData {
        headers: vec![
            first,
            i18n.t("training_report.sessions"),
            i18n.t("training_report.factories"),
            i18n.t("training.women"),
            i18n.t("training.men"),
            i18n.t("training_report.total"),
        ],
        rows: rows
            .iter()
            .map(|row| {
                vec![
                    label(row),
                    row.sessions.to_string(),
                    row.factories.to_string(),
                    row.women.to_string(),
                    row.men.to_string(),
                    (row.women + row.men).to_string(),
                ]
            })
            .collect(),
    }
}

fn participation_chart(i18n: I18n, report: &ParticipationReport) -> SeriesData {
    let lang = i18n.lang().code();
    let rows = &report.by_course;
    SeriesData {
        categories: rows.iter().map(|r| r.title.get(lang).to_owned()).collect(),
        series: vec![
            Series {
                name: i18n.t("training.women"),
                kind: SeriesKind::Bar,
                values: rows.iter().map(|r| Some(r.women as f64)).collect(),
                second_axis: false,
            },
            Series {
                name: i18n.t("training.men"),
                kind: SeriesKind::Bar,
                values: rows.iter().map(|r| Some(r.men as f64)).collect(),
                second_axis: false,
            },
        ],
        axis_name: i18n.t("training_report.participants"),
        second_axis_name: None,
        percent: false,
        horizontal: false,
    }
}

#[component]
pub fn TrainingReportsPage() -> impl IntoView {
    let i18n = use_i18n();
    let effect = LocalResource::new(api::training::effect);
    let retry_effect = Callback::new(move |_| effect.refetch());
    let granularity = RwSignal::new(Granularity::Year.as_str().to_owned());
    let dimension = RwSignal::new(GroupDimension::ProductType.as_str().to_owned());
    let participation = LocalResource::new(move || {
        api::training::participation(&granularity.get(), &dimension.get())
    });
    let retry_participation = Callback::new(move |_| participation.refetch());
    let effect_view = move |effects: Vec<CourseEffect>| {
        if effects.is_empty() {
            return view! { <p>{move || i18n.t("training_effect.none")}</p> }.into_any();
        }
        let effects = StoredValue::new(effects);
        view! {
            <SeriesChart id="training-effect-chart"
                data=Signal::derive(move || effects.with_value(|e| effect_chart(i18n, e)))
                label=Signal::derive(move || i18n.t("training_effect.title"))/>
            <DataTable
                testid="training-effect"
                data=Signal::derive(move || effects.with_value(|e| effect_table(i18n, e)))
                file_name=Signal::derive(move || i18n.t("training_effect.file_name"))
                caption=Signal::derive(move || i18n.t("training_effect.title"))
            />
        }
        .into_any()
    };
    let participation_view = move |report: ParticipationReport| {
        let report = StoredValue::new(report);
        let parsed = GroupDimension::parse(&dimension.get_untracked());
        view! {
            <SeriesChart id="training-participation-chart"
                data=Signal::derive(move || report.with_value(|r| participation_chart(i18n, r)))
                label=Signal::derive(move || i18n.t("training_report.by_course"))/>
            <h3>{move || i18n.t("training_report.by_course")}</h3>
            <DataTable
                testid="participation-by-course"
                data=Signal::derive(move || report.with_value(|r| participation_table(i18n, i18n.t("training.course"), &r.by_course, |row| row.title.get(i18n.lang().code()).to_owned())))
                file_name=Signal::derive(move || i18n.t("training_report.file_course"))
                caption=Signal::derive(move || i18n.t("training_report.by_course"))
            />
            <h3>{move || i18n.t("training_report.by_period")}</h3>
            <DataTable
                testid="participation-by-period"
                data=Signal::derive(move || report.with_value(|r| participation_table(i18n, i18n.t("training_report.period"), &r.by_period, |row| row.key.clone())))
                file_name=Signal::derive(move || i18n.t("training_report.file_period"))
                caption=Signal::derive(move || i18n.t("training_report.by_period"))
            />
            <h3>{move || i18n.t("training_report.by_group")}</h3>
            <DataTable
                testid="participation-by-group"
                data=Signal::derive(move || report.with_value(|r| participation_table(i18n, i18n.t("training_report.group"), &r.by_group, |row| match parsed {
                    Some(d) => group_label(i18n.lang(), d, &row.key),
                    None => row.key.clone(),
                })))
                file_name=Signal::derive(move || i18n.t("training_report.file_group"))
                caption=Signal::derive(move || i18n.t("training_report.by_group"))
            />
        }
        .into_any()
    };
    let granularity_options = Signal::derive(move || {
        Granularity::ALL
            .iter()
            .map(|g| {
                (
                    g.as_str().to_owned(),
                    i18n.t(&format!("training_report.granularity.{}", g.as_str())),
                )
            })
            .collect()
    });
    let dimension_options = Signal::derive(move || {
        GroupDimension::ALL
            .iter()
            .map(|d| (d.as_str().to_owned(), dimension_label(i18n.lang(), *d)))
            .collect()
    });
    let no_errors = Signal::derive(Vec::new);
    view! {
        <A href="/training" attr:class="back-link">{move || i18n.t("training.back")}</A>
        <section class="page-head">
            <h1>{move || i18n.t("training_report.title")}</h1>
            <p class="subtitle">{move || i18n.t("training_report.intro")}</p>
        </section>
        <section class="panel" data-testid="training-effect-panel">
            <h2>{move || i18n.t("training_effect.title")}</h2>
            <p class="hint">{move || i18n.t_with("training_effect.intro", &[("minimum", &MIN_FACTORIES_IN_A_FIGURE.to_string())])}</p>
            <Transition fallback=move || view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }>
                {move || effect.get().map(|result| match result {
                    Ok(effects) => effect_view(effects),
                    Err(error) => view! { <LoadError error=error retry=retry_effect/> }.into_any(),
                })}
            </Transition>
        </section>
        <section class="panel" data-testid="participation-panel">
            <h2>{move || i18n.t("training_report.participation")}</h2>
            <div class="filter-bar">
                <SelectField id="participation-granularity" label=Signal::derive(move || i18n.t("training_report.period")) value=granularity options=granularity_options errors=no_errors/>
                <SelectField id="participation-dimension" label=Signal::derive(move || i18n.t("training_report.group")) value=dimension options=dimension_options errors=no_errors/>
            </div>
            <Transition fallback=move || view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }>
                {move || participation.get().map(|result| match result {
                    Ok(report) => participation_view(report),
                    Err(error) => view! { <LoadError error=error retry=retry_participation/> }.into_any(),
                })}
            </Transition>
        </section>
    }
}
