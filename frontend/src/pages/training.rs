//! `/training`: the training unit's sessions and course catalogue. Trainers and administrators
//! write courses (tied to clusters and points of the checklist in use) and plan sessions that
//! invite factories; programme staff read them; a factory manager sees the sessions their
//! factory is invited to. `/training/sessions/:id`: one session, with the invited factories'
//! enrolments for staff, and the enrolment form for an invited factory's manager.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared::api::training::{
    AttendanceRow, Course, CourseInput, EnrolmentInput, GroupOutcome, NewSession, ParticipantGroup,
    Session, SessionInput, SessionReport,
};
use shared::checklist::{ChecklistContent, Translated};
use shared::permissions::{may, Action};
use shared::training::{
    course_problems, enrolment_problems, session_problems, session_report_problems, Audience,
    CourseFormat, SessionStatus,
};

use crate::api::{self, ApiError};
use crate::components::form::{
    field_errors, form_message, refused, Notice, SelectField, TextAreaField, TextField,
};
use crate::i18n::use_i18n;
use crate::pages::LoadError;
use crate::session::use_session;

fn may_manage() -> bool {
    use_session()
        .user()
        .is_some_and(|user| may(&user.actor(), Action::ManageTraining))
}

fn audience_options(i18n: crate::i18n::I18n) -> Vec<(String, String)> {
    Audience::ALL
        .iter()
        .map(|audience| {
            (
                audience.as_str().to_owned(),
                i18n.t(&format!("training.audience.{}", audience.as_str())),
            )
        })
        .collect()
}

/// A session planned from evidence (`/training?point=CHI.01&factories=3,7`, linked from the
/// recurring issues): the point to train on and the factories concerned.
#[derive(Clone, Debug, Default, PartialEq)]
struct Evidence {
    point: String,
    factories: Vec<i64>,
}

fn evidence() -> Option<Evidence> {
    let query = leptos_router::hooks::use_query_map().get_untracked();
    let point = query.get("point")?.trim().to_owned();
    let factories = query
        .get("factories")
        .unwrap_or_default()
        .split(',')
        .filter_map(|id| id.trim().parse().ok())
        .collect();
    (!point.is_empty()).then_some(Evidence { point, factories })
}

#[component]
pub fn TrainingPage() -> impl IntoView {
    let i18n = use_i18n();
    let evidence = StoredValue::new(evidence());
    let sessions = LocalResource::new(api::training::sessions);
    let courses = LocalResource::new(api::training::courses);
    let manager = may_manage();
    let refresh = Callback::new(move |_| {
        sessions.refetch();
        courses.refetch();
    });
    // A planned session changes the list, not the courses (the form keeps its confirmation).
    let refresh_sessions = Callback::new(move |_| sessions.refetch());
    view! {
        <section class="page-head">
            <h1>{move || i18n.t("training.title")}</h1>
            <p class="subtitle">{move || i18n.t(if manager { "training.intro_staff" } else { "training.intro" })}</p>
            {follow_up_links(i18n)}
        </section>
        <Transition fallback=move || view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }>
            {move || sessions.get().map(|result| match result {
                Ok(list) => view! { <SessionList sessions=list/> }.into_any(),
                Err(error) => view! { <LoadError error=error retry=refresh/> }.into_any(),
            })}
        </Transition>
        {manager.then(|| view! {
            <Transition fallback=|| ()>
                {move || courses.get().and_then(Result::ok).map(|list| view! { <PlanSession courses=list evidence=evidence.get_value() on_planned=refresh_sessions/> })}
            </Transition>
            <NewCourse on_created=refresh topic=evidence.get_value().map(|e| e.point)/>
        })}
        <Transition fallback=|| ()>
            {move || courses.get().and_then(Result::ok).map(|list| view! { <CourseList courses=list/> })}
        </Transition>
    }
}

/// Where training leads next: a factory manager's own record and plan, programme staff's
/// reports on whether training worked.
fn follow_up_links(i18n: crate::i18n::I18n) -> impl IntoView {
    let user = use_session().user();
    let own = user
        .as_ref()
        .filter(|user| !user.role.is_programme_staff())
        .and_then(|user| user.factory_id);
    let reports = user
        .as_ref()
        .is_some_and(|user| may(&user.actor(), Action::ViewTrainingReports));
    view! {
        <p class="actions">
            {own.map(|id| view! {
                <A href=format!("/training/factories/{id}") attr:class="button secondary" attr:data-testid="own-training-record">{move || i18n.t("training_plan.own_link")}</A>
            })}
            {reports.then(|| view! {
                <A href="/training/reports" attr:class="button secondary" attr:data-testid="training-reports-link">{move || i18n.t("training_report.link")}</A>
            })}
        </p>
    }
}

fn participants(groups: &[ParticipantGroup]) -> (i64, i64) {
    groups
        .iter()
        .fold((0, 0), |(women, men), g| (women + g.women, men + g.men))
}

#[component]
fn SessionList(sessions: Vec<Session>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || i18n.lang().code();
    if sessions.is_empty() {
        return view! { <p class="panel empty" data-testid="training-sessions">{move || i18n.t("training.no_sessions")}</p> }.into_any();
    }
    let rows = sessions
        .into_iter()
        .map(|session| {
            let title = StoredValue::new(session.course_title.clone());
            let (women, men) = session
                .invited
                .iter()
                .map(|factory| participants(&factory.groups))
                .fold((0, 0), |(w, m), (fw, fm)| (w + fw, m + fm));
            let status_key = format!("training.status.{}", session.status.as_str());
            let place = if session.online {
                None
            } else {
                Some(session.venue.clone())
            };
            view! {
                <tr>
                    <td><A href=format!("/training/sessions/{}", session.id)>{move || title.with_value(|t| t.get(lang()).to_owned())}</A></td>
                    <td>{session.starts_on.clone()}" – "{session.ends_on.clone()}</td>
                    <td>{match place { Some(venue) => venue.into_any(), None => view! { {move || i18n.t("training.online")} }.into_any() }}</td>
                    <td><span class="tag">{move || i18n.t(&status_key)}</span></td>
                    <td class="number">{session.invited.len()}</td>
                    <td class="number">{women + men}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="panel">
            <h2>{move || i18n.t("training.sessions")}</h2>
            <div class="table-wrap">
                <table data-testid="training-sessions">
                    <thead>
                        <tr>
                            <th scope="col">{move || i18n.t("training.course")}</th>
                            <th scope="col">{move || i18n.t("training.dates")}</th>
                            <th scope="col">{move || i18n.t("training.venue")}</th>
                            <th scope="col">{move || i18n.t("training.status")}</th>
                            <th scope="col" class="number">{move || i18n.t("training.factories_invited")}</th>
                            <th scope="col" class="number">{move || i18n.t("training.participants")}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}

#[component]
fn CourseList(courses: Vec<Course>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || i18n.lang().code();
    let items = courses
        .into_iter()
        .map(|course| {
            let title = StoredValue::new(course.title.clone());
            let description = StoredValue::new(course.description.clone());
            let audience = format!("training.audience.{}", course.audience.as_str());
            let format_key = format!("training.format.{}", course.format.as_str());
            let hours = course.hours.to_string();
            view! {
                <li class="course">
                    <h3>{move || title.with_value(|t| t.get(lang()).to_owned())}</h3>
                    <p class="hint">
                        {move || i18n.t(&audience)}" · "{move || i18n.t(&format_key)}" · "
                        {move || i18n.t_with("training.hours_count", &[("hours", &hours)])}" · "
                        <span lang="en">{course.topics.join(", ")}</span>
                    </p>
                    <p>{move || description.with_value(|d| d.get(lang()).to_owned())}</p>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="panel">
            <h2>{move || i18n.t("training.courses")}</h2>
            <ul class="course-list" data-testid="training-courses">{items}</ul>
        </section>
    }
}

/// A trainer's form for a new course; its topics are chosen among the clusters and points of
/// the checklist in use.
#[component]
fn NewCourse(on_created: Callback<()>, topic: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let checklist = LocalResource::new(api::checklists::current);
    let title_en = RwSignal::new(String::new());
    let title_km = RwSignal::new(String::new());
    let title_zh = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let audience = RwSignal::new(String::new());
    let format = RwSignal::new(String::new());
    let hours = RwSignal::new(String::new());
    let topics = RwSignal::new(topic.into_iter().collect::<Vec<String>>());
    let error = RwSignal::new(None::<ApiError>);
    let created = RwSignal::new(false);
    let known = StoredValue::new(Vec::<String>::new());
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        created.set(false);
        let input = CourseInput {
            title: Translated {
                en: title_en.get_untracked(),
                km: title_km.get_untracked(),
                zh: title_zh.get_untracked(),
            },
            description: Translated {
                en: description.get_untracked(),
                ..Translated::default()
            },
            audience: audience.get_untracked(),
            format: format.get_untracked(),
            hours: hours.get_untracked().trim().parse().unwrap_or(0),
            topics: topics.get_untracked(),
        };
        let problems = known
            .with_value(|known| course_problems(&input, |code| known.iter().any(|k| k == code)));
        if refused(problems, error) {
            return;
        }
        leptos::task::spawn_local(async move {
            match api::training::create_course(&input).await {
                Ok(_) => {
                    error.set(None);
                    created.set(true);
                    for field in [title_en, title_km, title_zh, description, hours] {
                        field.set(String::new());
                    }
                    topics.set(Vec::new());
                    on_created.run(());
                }
                Err(failure) => error.set(Some(failure)),
            }
        });
    };
    let format_options = Signal::derive(move || {
        CourseFormat::ALL
            .iter()
            .map(|format| {
                (
                    format.as_str().to_owned(),
                    i18n.t(&format!("training.format.{}", format.as_str())),
                )
            })
            .collect()
    });
    let topic_picker = move |content: ChecklistContent| {
        known.set_value(
            content
                .clusters
                .iter()
                .flat_map(|cluster| {
                    std::iter::once(cluster.code.clone())
                        .chain(cluster.points.iter().map(|point| point.code.clone()))
                })
                .collect(),
        );
        let checkbox = move |code: String, label: Translated| {
            let checked_code = code.clone();
            let toggled = code.clone();
            let label = StoredValue::new(label);
            view! {
                <label class="check">
                    <input
                        type="checkbox"
                        value=code.clone()
                        prop:checked=move || topics.with(|list| list.contains(&checked_code))
                        on:change=move |event| {
                            let on = event_target_checked(&event);
                            topics.update(|list| {
                                list.retain(|c| c != &toggled);
                                if on {
                                    list.push(toggled.clone());
                                }
                            });
                        }
                    />
                    " "<span class="question-code">{code.clone()}</span>" "{move || label.with_value(|l| l.get(i18n.lang().code()).to_owned())}
                </label>
            }
        };
        content
            .clusters
            .into_iter()
            .map(|cluster| {
                let points = cluster
                    .points
                    .into_iter()
                    .map(|point| checkbox(point.code, point.name))
                    .collect_view();
                view! {
                    <details class="topic-cluster">
                        <summary>{checkbox(cluster.code, cluster.name)}</summary>
                        <div class="topic-points">{points}</div>
                    </details>
                }
            })
            .collect_view()
    };
    view! {
        <section class="panel">
            <h2>{move || i18n.t("training.new_course")}</h2>
            <form on:submit=submit novalidate data-testid="new-course">
                <Notice message=form_message(i18n, error)/>
                {move || created.get().then(|| view! { <p class="notice success" role="status">{i18n.t("training.course_created")}</p> })}
                <TextField id="course-title-en" label=Signal::derive(move || i18n.t("training.title_en")) value=title_en errors=field_errors(i18n, error, "title.en")/>
                <TextField id="course-title-km" label=Signal::derive(move || i18n.t("training.title_km")) value=title_km errors=field_errors(i18n, error, "title.km")/>
                <TextField id="course-title-zh" label=Signal::derive(move || i18n.t("training.title_zh")) value=title_zh errors=field_errors(i18n, error, "title.zh")/>
                <TextField id="course-description" label=Signal::derive(move || i18n.t("training.description")) value=description errors=field_errors(i18n, error, "description.en")/>
                <SelectField id="course-audience" label=Signal::derive(move || i18n.t("training.audience")) value=audience
                    choose=Signal::derive(move || i18n.t("common.choose")) options=Signal::derive(move || audience_options(i18n)) errors=field_errors(i18n, error, "audience")/>
                <SelectField id="course-format" label=Signal::derive(move || i18n.t("training.format")) value=format
                    choose=Signal::derive(move || i18n.t("common.choose")) options=format_options errors=field_errors(i18n, error, "format")/>
                <TextField id="course-hours" label=Signal::derive(move || i18n.t("training.hours")) value=hours input_type="number" errors=field_errors(i18n, error, "hours")/>
                <fieldset class="topics">
                    <legend>{move || i18n.t("training.topics")}</legend>
                    <Transition fallback=move || view! { <p class="loading">{i18n.t("common.loading")}</p> }>
                        {move || checklist.get().and_then(Result::ok).flatten().map(|detail| topic_picker(detail.content))}
                    </Transition>
                    {move || {
                        let messages = field_errors(i18n, error, "topics").get();
                        (!messages.is_empty()).then(|| view! { <p class="field-error" role="alert">{messages.join(" ")}</p> })
                    }}
                </fieldset>
                <button type="submit" class="button primary">{move || i18n.t("training.create_course")}</button>
            </form>
        </section>
    }
}

/// A trainer's form for a session of a course, inviting factories.
#[component]
fn PlanSession(
    courses: Vec<Course>,
    evidence: Option<Evidence>,
    on_planned: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let factories = LocalResource::new(|| api::factories::list(&Default::default()));
    // From evidence: a course on the point, and the factories concerned.
    let matching = evidence.as_ref().and_then(|evidence| {
        courses
            .iter()
            .filter(|course| shared::training::topics_cover(&course.topics, &evidence.point))
            // The newest: the one just written for this evidence, when there is one.
            .max_by_key(|course| course.id)
            .map(|course| course.id.to_string())
    });
    let evidence_notice = evidence.clone().map(|evidence| {
        let count = evidence.factories.len().to_string();
        let key = if matching.is_some() {
            "training.from_evidence"
        } else {
            "training.from_evidence_no_course"
        };
        view! {
            <p class="notice info" role="status" data-testid="training-evidence">
                {move || i18n.t_with(key, &[("point", &evidence.point), ("count", &count)])}
            </p>
        }
    });
    let course = RwSignal::new(matching.unwrap_or_default());
    let starts_on = RwSignal::new(String::new());
    let ends_on = RwSignal::new(String::new());
    let venue = RwSignal::new(String::new());
    let online = RwSignal::new(false);
    let trainers = RwSignal::new(String::new());
    let capacity = RwSignal::new(String::new());
    let invited = RwSignal::new(evidence.map(|e| e.factories).unwrap_or_default());
    let error = RwSignal::new(None::<ApiError>);
    let planned = RwSignal::new(None::<i64>);
    let courses = StoredValue::new(courses);
    let course_options = Signal::derive(move || {
        courses.with_value(|list| {
            list.iter()
                .map(|c| (c.id.to_string(), c.title.get(i18n.lang().code()).to_owned()))
                .collect()
        })
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let session = SessionInput {
            starts_on: starts_on.get_untracked(),
            ends_on: ends_on.get_untracked(),
            venue: venue.get_untracked(),
            online: online.get_untracked(),
            trainers: trainers.get_untracked(),
            capacity: capacity.get_untracked().trim().parse().unwrap_or(0),
        };
        let mut problems = session_problems(&session);
        let course_id = course.get_untracked().parse().unwrap_or(0);
        if course_id == 0 {
            problems.push(shared::error::FieldError::new("course_id", "choose_one"));
        }
        if refused(problems, error) {
            return;
        }
        let input = NewSession {
            course_id,
            session,
            factory_ids: invited.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            match api::training::create_session(&input).await {
                Ok(session) => {
                    error.set(None);
                    planned.set(Some(session.id));
                    on_planned.run(());
                }
                Err(failure) => error.set(Some(failure)),
            }
        });
    };
    view! {
        <section class="panel">
            <h2>{move || i18n.t("training.plan_session")}</h2>
            {evidence_notice}
            <form on:submit=submit novalidate data-testid="plan-session">
                <Notice message=form_message(i18n, error)/>
                {move || planned.get().map(|id| view! {
                    <p class="notice success" role="status">
                        {i18n.t("training.session_planned")}" "
                        <A href=format!("/training/sessions/{id}")>{i18n.t("training.open_session")}</A>
                    </p>
                })}
                <SelectField id="session-course" label=Signal::derive(move || i18n.t("training.course")) value=course
                    choose=Signal::derive(move || i18n.t("common.choose")) options=course_options errors=field_errors(i18n, error, "course_id")/>
                <TextField id="session-starts" label=Signal::derive(move || i18n.t("training.starts_on")) value=starts_on input_type="date" errors=field_errors(i18n, error, "starts_on")/>
                <TextField id="session-ends" label=Signal::derive(move || i18n.t("training.ends_on")) value=ends_on input_type="date" errors=field_errors(i18n, error, "ends_on")/>
                <label class="check">
                    <input type="checkbox" prop:checked=move || online.get() on:change=move |event| online.set(event_target_checked(&event))/>
                    " "{move || i18n.t("training.online")}
                </label>
                <TextField id="session-venue" label=Signal::derive(move || i18n.t("training.venue")) value=venue errors=field_errors(i18n, error, "venue")/>
                <TextField id="session-trainers" label=Signal::derive(move || i18n.t("training.trainers")) value=trainers errors=field_errors(i18n, error, "trainers")/>
                <TextField id="session-capacity" label=Signal::derive(move || i18n.t("training.capacity")) value=capacity input_type="number" errors=field_errors(i18n, error, "capacity")/>
                <fieldset class="invited">
                    <legend>{move || i18n.t("training.invite")}</legend>
                    <Transition fallback=move || view! { <p class="loading">{i18n.t("common.loading")}</p> }>
                        {move || factories.get().and_then(Result::ok).map(|list| list.into_iter().map(|factory| {
                            let id = factory.id;
                            view! {
                                <label class="check">
                                    <input
                                        type="checkbox"
                                        prop:checked=move || invited.with(|list| list.contains(&id))
                                        on:change=move |event| {
                                            let on = event_target_checked(&event);
                                            invited.update(|list| {
                                                list.retain(|other| *other != id);
                                                if on {
                                                    list.push(id);
                                                }
                                            });
                                        }
                                    />
                                    " "{factory.name.clone()}
                                </label>
                            }
                        }).collect_view())}
                    </Transition>
                </fieldset>
                <button type="submit" class="button primary">{move || i18n.t("training.create_session")}</button>
            </form>
        </section>
    }
}

#[component]
pub fn TrainingSessionPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let session = LocalResource::new(move || {
        let id = params.with(|p| {
            p.get("id")
                .and_then(|id| id.parse::<i64>().ok())
                .unwrap_or_default()
        });
        api::training::session(id)
    });
    let retry = Callback::new(move |_| session.refetch());
    view! {
        <A href="/training" attr:class="back-link">{move || i18n.t("training.back")}</A>
        <Transition fallback=move || view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }>
            {move || session.get().map(|result| match result {
                Ok(session) => view! { <SessionView session=session on_changed=retry/> }.into_any(),
                Err(error) => view! { <LoadError error=error retry=retry/> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn SessionView(session: Session, on_changed: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || i18n.lang().code();
    let title = StoredValue::new(session.course_title.clone());
    let status_key = format!("training.status.{}", session.status.as_str());
    let place = if session.online {
        i18n.t("training.online")
    } else {
        session.venue.clone()
    };
    let own_factory = use_session().user().and_then(|user| user.factory_id);
    let rows = session
        .invited
        .iter()
        .map(|factory| {
            let (women, men) = participants(&factory.groups);
            let groups = factory
                .groups
                .iter()
                .map(|group| {
                    let key = format!("training.audience.{}", group.audience.as_str());
                    let counts = (group.women, group.men);
                    view! { <li>{move || i18n.t(&key)}": "{move || i18n.t_with("training.women_men", &[("women", &counts.0.to_string()), ("men", &counts.1.to_string())])}</li> }
                })
                .collect_view();
            let href = format!("/training/factories/{}", factory.factory_id);
            let name = factory.factory_name.clone();
            view! {
                <tr>
                    <td><A href=href attr:data-testid="factory-training-link">{name}</A></td>
                    <td><ul class="plain">{groups}</ul></td>
                    <td class="number">{women}</td>
                    <td class="number">{men}</td>
                </tr>
            }
        })
        .collect_view();
    let enrolment = own_factory
        .filter(|_| session.enrolment_open)
        .map(|factory_id| {
            let groups = session
                .invited
                .iter()
                .find(|invited| invited.factory_id == factory_id)
                .map(|invited| invited.groups.clone())
                .unwrap_or_default();
            view! { <EnrolmentForm session_id=session.id factory_id=factory_id groups=groups on_saved=on_changed/> }
        });
    view! {
        <section class="page-head">
            <p class="eyebrow">{move || i18n.t("training.session")}</p>
            <h1>{move || title.with_value(|t| t.get(lang()).to_owned())}</h1>
            <p class="subtitle">
                {session.starts_on.clone()}" – "{session.ends_on.clone()}" · "{place}" · "
                {session.trainers.clone()}" · "<span class="tag" data-testid="session-status">{move || i18n.t(&status_key)}</span>
            </p>
            <p class="hint">{move || i18n.t("training.topics")}": "<span lang="en">{session.topics.join(", ")}</span></p>
        </section>
        {enrolment}
        {may_manage().then(|| view! { <ReportForm session=session.clone() on_saved=on_changed/> })}
        {(!session.attendance.is_empty() || !session.outcomes.is_empty()).then(|| view! { <SessionResults session=session.clone()/> })}
        <section class="panel">
            <h2>{move || i18n.t("training.factories_invited")}</h2>
            <div class="table-wrap">
                <table data-testid="session-factories">
                    <thead>
                        <tr>
                            <th scope="col">{move || i18n.t("training.factory")}</th>
                            <th scope="col">{move || i18n.t("training.groups")}</th>
                            <th scope="col" class="number">{move || i18n.t("training.women")}</th>
                            <th scope="col" class="number">{move || i18n.t("training.men")}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

/// An invited factory's manager enrols participants: women and men per audience group.
#[component]
fn EnrolmentForm(
    session_id: i64,
    factory_id: i64,
    groups: Vec<ParticipantGroup>,
    on_saved: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let counts: Vec<(Audience, RwSignal<String>, RwSignal<String>)> = Audience::ALL
        .iter()
        .map(|audience| {
            let held = groups.iter().find(|group| group.audience == *audience);
            let text = |count: Option<i64>| count.map(|c| c.to_string()).unwrap_or_default();
            (
                *audience,
                RwSignal::new(text(held.map(|g| g.women))),
                RwSignal::new(text(held.map(|g| g.men))),
            )
        })
        .collect();
    let counts = StoredValue::new(counts);
    let error = RwSignal::new(None::<ApiError>);
    let saved = RwSignal::new(false);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        saved.set(false);
        let parse = |text: String| typed_count(&text);
        let input = EnrolmentInput {
            groups: counts.with_value(|counts| {
                counts
                    .iter()
                    .map(|(audience, women, men)| ParticipantGroup {
                        audience: *audience,
                        women: parse(women.get_untracked()),
                        men: parse(men.get_untracked()),
                    })
                    .collect()
            }),
        };
        if refused(enrolment_problems(&input), error) {
            return;
        }
        leptos::task::spawn_local(async move {
            match api::training::enrol(session_id, factory_id, &input).await {
                Ok(_) => {
                    error.set(None);
                    saved.set(true);
                    on_saved.run(());
                }
                Err(failure) => error.set(Some(failure)),
            }
        });
    };
    let rows = counts.with_value(|counts| {
        counts
            .iter()
            .copied()
            .enumerate()
            .map(|(index, (audience, women, men))| {
                let key = format!("training.audience.{}", audience.as_str());
                let label = StoredValue::new(key);
                let women_errors = field_errors(i18n, error, format!("groups.{index}.women"));
                let men_errors = field_errors(i18n, error, format!("groups.{index}.men"));
                view! {
                    <tr>
                        <th scope="row">{move || i18n.t(&label.get_value())}</th>
                        <td>
                            <input type="number" min="0" inputmode="numeric"
                                aria-label=move || format!("{} – {}", i18n.t(&label.get_value()), i18n.t("training.women"))
                                prop:value=move || women.get() on:input=move |event| women.set(event_target_value(&event))/>
                            {move || women_errors.get().first().cloned().map(|m| view! { <span class="field-error">{m}</span> })}
                        </td>
                        <td>
                            <input type="number" min="0" inputmode="numeric"
                                aria-label=move || format!("{} – {}", i18n.t(&label.get_value()), i18n.t("training.men"))
                                prop:value=move || men.get() on:input=move |event| men.set(event_target_value(&event))/>
                            {move || men_errors.get().first().cloned().map(|m| view! { <span class="field-error">{m}</span> })}
                        </td>
                    </tr>
                }
            })
            .collect_view()
    });
    view! {
        <section class="panel">
            <h2>{move || i18n.t("training.enrol")}</h2>
            <p class="hint">{move || i18n.t("training.enrol_hint")}</p>
            <form on:submit=submit novalidate data-testid="enrolment">
                <Notice message=form_message(i18n, error)/>
                {move || saved.get().then(|| view! { <p class="notice success" role="status">{i18n.t("training.enrolled")}</p> })}
                <div class="table-wrap">
                    <table class="enrolment-table">
                        <thead>
                            <tr>
                                <th scope="col">{move || i18n.t("training.groups")}</th>
                                <th scope="col">{move || i18n.t("training.women")}</th>
                                <th scope="col">{move || i18n.t("training.men")}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                <button type="submit" class="button primary">{move || i18n.t("training.save_enrolment")}</button>
            </form>
        </section>
    }
}

/// Parses a count or score typed in a table cell: empty is `None`, anything unreadable a value
/// the rule refuses (so the form says so instead of dropping it).
fn typed_number(text: &str) -> Option<f64> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.parse().unwrap_or(f64::NAN))
}

/// Parses a head count typed in a table cell: empty is nobody, a whole number that number, and
/// anything else a value the rule refuses.
fn typed_count(text: &str) -> i64 {
    typed_number(text).map_or(0, |v| if v.fract() == 0.0 { v as i64 } else { -1 })
}

/// One enrolled group's attendance as typed: factory, its name, group, women, men.
type AttendanceCells = (i64, String, Audience, RwSignal<String>, RwSignal<String>);
/// One audience's outcomes as typed: pre-test, post-test, evaluation.
type OutcomeCells = (
    Audience,
    RwSignal<String>,
    RwSignal<String>,
    RwSignal<String>,
);

/// The trainer records a session as held (attendance per enrolled group, outcomes per
/// audience, notes) or cancelled.
#[component]
fn ReportForm(session: Session, on_saved: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let today = shared::date::cambodia_date((js_sys::Date::now() / 1000.0) as i64);
    let invited: Vec<i64> = session.invited.iter().map(|f| f.factory_id).collect();
    let starts_on = session.starts_on.clone();
    let status = RwSignal::new(match session.status {
        SessionStatus::Planned => String::new(),
        other => other.as_str().to_owned(),
    });
    let notes = RwSignal::new(session.notes.clone());
    // One row per enrolled group: attended women and men, prefilled from the last report.
    let attendance: Vec<AttendanceCells> = session
        .invited
        .iter()
        .flat_map(|factory| {
            factory.groups.iter().map(|group| {
                let held = session.attendance.iter().find(|row| {
                    row.factory_id == factory.factory_id && row.audience == group.audience
                });
                (
                    factory.factory_id,
                    factory.factory_name.clone(),
                    group.audience,
                    RwSignal::new(held.map(|r| r.women.to_string()).unwrap_or_default()),
                    RwSignal::new(held.map(|r| r.men.to_string()).unwrap_or_default()),
                )
            })
        })
        .collect();
    let mut audiences: Vec<Audience> = session
        .invited
        .iter()
        .flat_map(|factory| factory.groups.iter().map(|group| group.audience))
        .collect();
    audiences.sort();
    audiences.dedup();
    let text = |value: Option<f64>| value.map(|v| v.to_string()).unwrap_or_default();
    let outcomes: Vec<OutcomeCells> = audiences
        .into_iter()
        .map(|audience| {
            let held = session.outcomes.iter().find(|o| o.audience == audience);
            (
                audience,
                RwSignal::new(text(held.and_then(|o| o.pre_test))),
                RwSignal::new(text(held.and_then(|o| o.post_test))),
                RwSignal::new(text(held.and_then(|o| o.evaluation))),
            )
        })
        .collect();
    let attendance = StoredValue::new(attendance);
    let outcomes = StoredValue::new(outcomes);
    let error = RwSignal::new(None::<ApiError>);
    let saved = RwSignal::new(false);
    let session_id = session.id;
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        saved.set(false);
        let held = status.get_untracked() == SessionStatus::Held.as_str();
        let count = |text: String| typed_count(&text);
        let report = SessionReport {
            status: status.get_untracked(),
            attendance: if held {
                attendance.with_value(|rows| {
                    rows.iter()
                        .map(|(factory_id, _, audience, women, men)| AttendanceRow {
                            factory_id: *factory_id,
                            audience: *audience,
                            women: count(women.get_untracked()),
                            men: count(men.get_untracked()),
                        })
                        .collect()
                })
            } else {
                Vec::new()
            },
            outcomes: if held {
                outcomes.with_value(|rows| {
                    rows.iter()
                        .map(|(audience, pre, post, evaluation)| GroupOutcome {
                            audience: *audience,
                            pre_test: typed_number(&pre.get_untracked()),
                            post_test: typed_number(&post.get_untracked()),
                            evaluation: typed_number(&evaluation.get_untracked()),
                        })
                        .collect()
                })
            } else {
                Vec::new()
            },
            notes: notes.get_untracked(),
        };
        if refused(
            session_report_problems(&report, &starts_on, &today, &invited),
            error,
        ) {
            return;
        }
        leptos::task::spawn_local(async move {
            match api::training::report(session_id, &report).await {
                Ok(_) => {
                    error.set(None);
                    saved.set(true);
                    on_saved.run(());
                }
                Err(failure) => error.set(Some(failure)),
            }
        });
    };
    let status_options = Signal::derive(move || {
        [SessionStatus::Held, SessionStatus::Cancelled]
            .iter()
            .map(|s| {
                (
                    s.as_str().to_owned(),
                    i18n.t(&format!("training.status.{}", s.as_str())),
                )
            })
            .collect()
    });
    // A cell's field in the report (`attendance.0.women`), for the rule's message under it.
    let number_cell = move |label: Signal<String>, value: RwSignal<String>, field: String| {
        let errors = field_errors(i18n, error, field);
        view! {
            <td>
                <input type="number" min="0" step="any" inputmode="decimal" aria-label=label
                    aria-invalid=move || (!errors.get().is_empty()).to_string()
                    prop:value=move || value.get() on:input=move |event| value.set(event_target_value(&event))/>
                {move || errors.get().first().cloned().map(|m| view! { <span class="field-error" role="alert">{m}</span> })}
            </td>
        }
    };
    let attendance_rows = attendance.with_value(|rows| {
        rows.iter()
            .enumerate()
            .map(|(index, (_, name, audience, women, men))| {
                let (name, audience, women, men) = (name.clone(), *audience, *women, *men);
                let group_key = format!("training.audience.{}", audience.as_str());
                let label = |what: &'static str| {
                    let (name, group_key) = (name.clone(), group_key.clone());
                    Signal::derive(move || {
                        format!("{name} – {} – {}", i18n.t(&group_key), i18n.t(what))
                    })
                };
                let field = |what: &str| format!("attendance.{index}.{what}");
                let cells = (
                    number_cell(label("training.women"), women, field("women")),
                    number_cell(label("training.men"), men, field("men")),
                );
                view! {
                    <tr>
                        <td>{name.clone()}</td>
                        <td>{move || i18n.t(&group_key)}</td>
                        {cells}
                    </tr>
                }
            })
            .collect_view()
    });
    let outcome_rows = outcomes.with_value(|rows| {
        rows.iter()
            .copied()
            .enumerate()
            .map(|(index, (audience, pre, post, evaluation))| {
                let group_key = format!("training.audience.{}", audience.as_str());
                let label = |what: &'static str| {
                    let group_key = group_key.clone();
                    Signal::derive(move || format!("{} – {}", i18n.t(&group_key), i18n.t(what)))
                };
                let field = |what: &str| format!("outcomes.{index}.{what}");
                let cells = (
                    number_cell(label("training.pre_test"), pre, field("pre_test")),
                    number_cell(label("training.post_test"), post, field("post_test")),
                    number_cell(
                        label("training.evaluation"),
                        evaluation,
                        field("evaluation"),
                    ),
                );
                view! {
                    <tr>
                        <td>{move || i18n.t(&group_key)}</td>
                        {cells}
                    </tr>
                }
            })
            .collect_view()
    });
    view! {
        <section class="panel">
            <h2>{move || i18n.t("training.report")}</h2>
            <p class="hint">{move || i18n.t("training.report_hint")}</p>
            <form on:submit=submit novalidate data-testid="session-report">
                <Notice message=form_message(i18n, error)/>
                {move || saved.get().then(|| view! { <p class="notice success" role="status">{i18n.t("training.report_saved")}</p> })}
                <SelectField id="report-status" label=Signal::derive(move || i18n.t("training.status")) value=status
                    choose=Signal::derive(move || i18n.t("common.choose")) options=status_options errors=field_errors(i18n, error, "status")/>
                // Kept in the page (typed counts survive a change of mind), shown when held.
                <div hidden=move || status.get() != SessionStatus::Held.as_str()>
                    <h3>{move || i18n.t("training.attendance")}</h3>
                    <div class="table-wrap">
                        <table class="enrolment-table">
                            <thead><tr>
                                <th scope="col">{move || i18n.t("training.factory")}</th>
                                <th scope="col">{move || i18n.t("training.groups")}</th>
                                <th scope="col">{move || i18n.t("training.women")}</th>
                                <th scope="col">{move || i18n.t("training.men")}</th>
                            </tr></thead>
                            <tbody>{attendance_rows}</tbody>
                        </table>
                    </div>
                    <h3>{move || i18n.t("training.outcomes")}</h3>
                    <div class="table-wrap">
                        <table class="enrolment-table">
                            <thead><tr>
                                <th scope="col">{move || i18n.t("training.groups")}</th>
                                <th scope="col">{move || i18n.t("training.pre_test")}</th>
                                <th scope="col">{move || i18n.t("training.post_test")}</th>
                                <th scope="col">{move || i18n.t("training.evaluation")}</th>
                            </tr></thead>
                            <tbody>{outcome_rows}</tbody>
                        </table>
                    </div>
                </div>
                <TextAreaField id="report-notes" label=Signal::derive(move || i18n.t("training.notes")) value=notes errors=field_errors(i18n, error, "notes")/>
                <button type="submit" class="button primary">{move || i18n.t("training.save_report")}</button>
            </form>
        </section>
    }
}

/// Who attended a held session and its outcomes.
#[component]
fn SessionResults(session: Session) -> impl IntoView {
    let i18n = use_i18n();
    let names: std::collections::HashMap<i64, String> = session
        .invited
        .iter()
        .map(|f| (f.factory_id, f.factory_name.clone()))
        .collect();
    let attended = session
        .attendance
        .iter()
        .map(|row| {
            let key = format!("training.audience.{}", row.audience.as_str());
            view! {
                <tr>
                    <td>{names.get(&row.factory_id).cloned().unwrap_or_default()}</td>
                    <td>{move || i18n.t(&key)}</td>
                    <td class="number">{row.women}</td>
                    <td class="number">{row.men}</td>
                </tr>
            }
        })
        .collect_view();
    let shown = |value: Option<f64>| {
        value
            .map(|v| format!("{v:.1}"))
            .unwrap_or_else(|| "–".into())
    };
    let outcomes = session
        .outcomes
        .iter()
        .map(|outcome| {
            let key = format!("training.audience.{}", outcome.audience.as_str());
            view! {
                <tr>
                    <td>{move || i18n.t(&key)}</td>
                    <td class="number">{shown(outcome.pre_test)}</td>
                    <td class="number">{shown(outcome.post_test)}</td>
                    <td class="number">{shown(outcome.evaluation)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="panel" data-testid="session-results">
            <h2>{move || i18n.t("training.attendance")}</h2>
            <div class="table-wrap">
                <table data-testid="session-attendance">
                    <thead><tr>
                        <th scope="col">{move || i18n.t("training.factory")}</th>
                        <th scope="col">{move || i18n.t("training.groups")}</th>
                        <th scope="col" class="number">{move || i18n.t("training.women")}</th>
                        <th scope="col" class="number">{move || i18n.t("training.men")}</th>
                    </tr></thead>
                    <tbody>{attended}</tbody>
                </table>
            </div>
            <h2>{move || i18n.t("training.outcomes")}</h2>
            <div class="table-wrap">
                <table data-testid="session-outcomes">
                    <thead><tr>
                        <th scope="col">{move || i18n.t("training.groups")}</th>
                        <th scope="col" class="number">{move || i18n.t("training.pre_test")}</th>
                        <th scope="col" class="number">{move || i18n.t("training.post_test")}</th>
                        <th scope="col" class="number">{move || i18n.t("training.evaluation")}</th>
                    </tr></thead>
                    <tbody>{outcomes}</tbody>
                </table>
            </div>
        </section>
    }
}
