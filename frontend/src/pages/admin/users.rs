//! `/users`: administrators list accounts, create them and reset passwords.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared::api::factories::FactoryFilter;
use shared::api::users::{CreateUserRequest, UserSummary};
use shared::roles::Role;
use shared::validate::new_user_problems;

use crate::api::{self, ApiError};
use crate::components::form::{
    field_errors, form_message, loaded_options, Notice, SelectField, TextField,
};
use crate::i18n::use_i18n;
use crate::pages::LoadError;

/// The temporary password just issued, shown once.
#[derive(Clone, Debug, PartialEq)]
struct IssuedPassword {
    username: String,
    password: String,
    created: bool,
}

#[component]
pub fn UsersPage() -> impl IntoView {
    let i18n = use_i18n();
    let users = LocalResource::new(api::users::list);
    let issued = RwSignal::new(None::<IssuedPassword>);
    let retry = Callback::new(move |_| users.refetch());
    let on_issued = Callback::new(move |password: IssuedPassword| {
        issued.set(Some(password));
        users.refetch();
    });
    view! {
        <section class="page-head"><h1>{move || i18n.t("users.title")}</h1></section>
        {move || issued.get().map(|issued| {
            let key = if issued.created { "users.created" } else { "users.reset_done" };
            view! {
                <div class="notice success" role="status" data-testid="temporary-password">
                    <p>{i18n.t_with(key, &[("username", &issued.username)])}</p>
                    <p><code class="secret">{issued.password}</code></p>
                </div>
            }
        })}
        <CreateUserForm on_issued=on_issued/>
        <Transition fallback=move || view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }>
            {move || users.get().map(|result| match result {
                Ok(rows) => view! { <UserTable rows=rows on_issued=on_issued/> }.into_any(),
                Err(error) => view! { <LoadError error=error retry=retry/> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn UserTable(rows: Vec<UserSummary>, on_issued: Callback<IssuedPassword>) -> impl IntoView {
    let i18n = use_i18n();
    let error = RwSignal::new(None::<ApiError>);
    let reset = move |user_id: i64, username: String| {
        // Resetting signs the user out everywhere: ask before doing it.
        let question = i18n.t_with("users.reset_confirm", &[("username", &username)]);
        if !window().confirm_with_message(&question).unwrap_or(false) {
            return;
        }
        leptos::task::spawn_local(async move {
            match api::users::reset_password(user_id).await {
                Ok(response) => on_issued.run(IssuedPassword {
                    username: response.user.username,
                    password: response.temporary_password,
                    created: false,
                }),
                Err(failure) => error.set(Some(failure)),
            }
        });
    };
    let body = rows
        .into_iter()
        .map(|user| {
            let role_key = format!("role.{}", user.role.as_str());
            let id = user.id;
            let username = user.username.clone();
            view! {
                <tr>
                    <td><code>{user.username.clone()}</code></td>
                    <td>{user.display_name.clone()}</td>
                    <td>{move || i18n.t(&role_key)}</td>
                    <td>{user.must_change_password.then(|| view! { <span class="tag">{move || i18n.t("users.must_change")}</span> })}</td>
                    <td>
                        <button type="button" class="button secondary small" on:click=move |_| reset(id, username.clone())>
                            {move || i18n.t("users.reset_password")}
                        </button>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <Notice message=form_message(i18n, error)/>
        <div class="table-wrap panel">
            <table>
                <thead>
                    <tr>
                        <th scope="col">{move || i18n.t("users.username")}</th>
                        <th scope="col">{move || i18n.t("users.display_name")}</th>
                        <th scope="col">{move || i18n.t("users.role")}</th>
                        <th scope="col"></th>
                        <th scope="col"></th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}

#[component]
fn CreateUserForm(on_issued: Callback<IssuedPassword>) -> impl IntoView {
    let i18n = use_i18n();
    let factories = LocalResource::new(|| api::factories::list(&FactoryFilter::default()));
    let organisations = LocalResource::new(api::users::organisations);
    let username = RwSignal::new(String::new());
    let display_name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let role = RwSignal::new(String::new());
    let factory_id = RwSignal::new(String::new());
    let organisation_id = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);

    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let request = CreateUserRequest {
            username: username.get_untracked().trim().to_owned(),
            display_name: display_name.get_untracked(),
            role: role.get_untracked(),
            email: Some(email.get_untracked()).filter(|email| !email.trim().is_empty()),
            factory_id: factory_id.get_untracked().parse().ok(),
            organisation_id: organisation_id.get_untracked().parse().ok(),
        };
        // The same rules as the server, before sending; what was typed stays in the form.
        if let Some(problems) = ApiError::from_problems(new_user_problems(&request)) {
            error.set(Some(problems));
            return;
        }
        pending.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            match api::users::create(&request).await {
                Ok(response) => {
                    on_issued.run(IssuedPassword {
                        username: response.user.username,
                        password: response.temporary_password,
                        created: true,
                    });
                    for field in [
                        username,
                        display_name,
                        email,
                        role,
                        factory_id,
                        organisation_id,
                    ] {
                        field.set(String::new());
                    }
                }
                Err(failure) => error.set(Some(failure)),
            }
            pending.set(false);
        });
    };
    let errors = move |field: &'static str| field_errors(i18n, error, field);
    let role_options = Signal::derive(move || {
        Role::ALL
            .into_iter()
            .map(|option| {
                let key = format!("role.{}", option.as_str());
                (option.as_str().to_owned(), i18n.t(&key))
            })
            .collect::<Vec<_>>()
    });
    let factory_options =
        loaded_options(factories, |factory| (factory.id.to_string(), factory.name));
    let organisation_options = loaded_options(organisations, |organisation| {
        (organisation.id.to_string(), organisation.name)
    });
    let needs_factory = move || role.get() == Role::FactoryManager.as_str();
    let needs_organisation = move || {
        role.get() == Role::Buyer.as_str() || role.get() == Role::UnionRepresentative.as_str()
    };
    view! {
        <section class="panel">
            <h2>{move || i18n.t("users.create_title")}</h2>
            <form on:submit=submit novalidate class="grid-form">
                <Notice message=form_message(i18n, error)/>
                <TextField
                    id="new-username"
                    label=Signal::derive(move || i18n.t("users.username"))
                    hint=Signal::derive(move || i18n.t("users.username_hint"))
                    value=username
                    errors=errors("username")
                />
                <TextField
                    id="new-display-name"
                    label=Signal::derive(move || i18n.t("users.display_name"))
                    value=display_name
                    errors=errors("display_name")
                />
                <TextField
                    id="new-email"
                    label=Signal::derive(move || i18n.t("users.email"))
                    value=email
                    errors=errors("email")
                    input_type="email"
                />
                <SelectField
                    id="new-role"
                    label=Signal::derive(move || i18n.t("users.role"))
                    value=role
                    choose=Signal::derive(move || i18n.t("users.choose"))
                    options=role_options
                    errors=errors("role")
                />
                <Show when=needs_factory>
                    <SelectField
                        id="new-factory"
                        label=Signal::derive(move || i18n.t("users.factory"))
                        value=factory_id
                        choose=Signal::derive(move || i18n.t("users.choose"))
                        options=factory_options
                        errors=errors("factory_id")
                    />
                </Show>
                <Show when=needs_organisation>
                    <SelectField
                        id="new-organisation"
                        label=Signal::derive(move || i18n.t("users.organisation"))
                        value=organisation_id
                        choose=Signal::derive(move || i18n.t("users.choose"))
                        options=organisation_options
                        errors=errors("organisation_id")
                    />
                </Show>
                <div class="form-actions">
                    <button type="submit" class="button primary" disabled=move || pending.get()>
                        {move || i18n.t("users.create")}
                    </button>
                </div>
            </form>
        </section>
    }
}
