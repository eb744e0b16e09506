//! `/factories/new` and `/factories/:id/edit`: administrators record a factory's facts.
//! The browser runs the same validator as the server, so errors show before sending.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use shared::api::factories::Factory;
use shared::error::FieldError;
use shared::factory::{
    factory_input_problems, FactoryInput, FACTORY_STATUSES, PRODUCT_TYPES, PROVINCES,
};

use crate::api::{self, ApiError};
use crate::components::form::{Notice, TextField};
use crate::i18n::use_i18n;

/// Every field of the form as text, exactly as typed.
#[derive(Clone, Copy)]
struct FormFields {
    name: RwSignal<String>,
    local_name: RwSignal<String>,
    registration_number: RwSignal<String>,
    osh_id: RwSignal<String>,
    address: RwSignal<String>,
    province: RwSignal<String>,
    latitude: RwSignal<String>,
    longitude: RwSignal<String>,
    product_type: RwSignal<String>,
    ownership_country: RwSignal<String>,
    export_licence: RwSignal<String>,
    total_workers: RwSignal<String>,
    women_share_percent: RwSignal<String>,
    union_presence: RwSignal<String>,
    contact_email: RwSignal<String>,
    needs_paper_copy: RwSignal<bool>,
    status: RwSignal<String>,
    third_party_delay_days: RwSignal<String>,
}

fn text(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}

fn optional(value: String) -> Option<String> {
    let value = value.trim().to_owned();
    (!value.is_empty()).then_some(value)
}

impl FormFields {
    fn new() -> Self {
        let empty = || RwSignal::new(String::new());
        FormFields {
            name: empty(),
            local_name: empty(),
            registration_number: empty(),
            osh_id: empty(),
            address: empty(),
            province: empty(),
            latitude: empty(),
            longitude: empty(),
            product_type: RwSignal::new("garment".to_owned()),
            ownership_country: empty(),
            export_licence: empty(),
            total_workers: empty(),
            women_share_percent: empty(),
            union_presence: empty(),
            contact_email: empty(),
            needs_paper_copy: RwSignal::new(false),
            status: RwSignal::new("active".to_owned()),
            third_party_delay_days: RwSignal::new(
                shared::visit::DEFAULT_THIRD_PARTY_DELAY_DAYS.to_string(),
            ),
        }
    }

    fn fill(&self, factory: &Factory) {
        self.name.set(factory.name.clone());
        self.local_name.set(text(&factory.local_name));
        self.registration_number
            .set(text(&factory.registration_number));
        self.osh_id.set(text(&factory.osh_id));
        self.address.set(factory.address.clone());
        self.province.set(factory.province.clone());
        self.latitude
            .set(factory.latitude.map(|v| v.to_string()).unwrap_or_default());
        self.longitude
            .set(factory.longitude.map(|v| v.to_string()).unwrap_or_default());
        self.product_type.set(factory.product_type.clone());
        self.ownership_country.set(text(&factory.ownership_country));
        self.export_licence.set(text(&factory.export_licence));
        self.total_workers.set(
            factory
                .total_workers
                .map(|v| v.to_string())
                .unwrap_or_default(),
        );
        self.women_share_percent.set(
            factory
                .women_share_percent
                .map(|v| v.to_string())
                .unwrap_or_default(),
        );
        self.union_presence.set(match factory.union_presence {
            Some(true) => "yes".to_owned(),
            Some(false) => "no".to_owned(),
            None => String::new(),
        });
        self.contact_email.set(text(&factory.contact_email));
        self.needs_paper_copy.set(factory.needs_paper_copy);
        self.status.set(factory.status.clone());
        self.third_party_delay_days
            .set(factory.third_party_delay_days.to_string());
    }

    /// The typed input, or the fields whose numbers do not parse.
    fn to_input(self) -> Result<FactoryInput, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut number = |field: &str, value: String| -> Option<f64> {
            let value = value.trim().replace(',', ".");
            if value.is_empty() {
                return None;
            }
            value
                .parse::<f64>()
                .map_err(|_| errors.push(FieldError::new(field, "number_invalid")))
                .ok()
        };
        let latitude = number("latitude", self.latitude.get_untracked());
        let longitude = number("longitude", self.longitude.get_untracked());
        let women = number(
            "women_share_percent",
            self.women_share_percent.get_untracked(),
        );
        let workers_text = self.total_workers.get_untracked().replace([',', ' '], "");
        let total_workers = if workers_text.trim().is_empty() {
            None
        } else {
            workers_text
                .trim()
                .parse::<i64>()
                .map_err(|_| errors.push(FieldError::new("total_workers", "number_invalid")))
                .ok()
        };
        let delay_text = self.third_party_delay_days.get_untracked();
        let third_party_delay_days = if delay_text.trim().is_empty() {
            None
        } else {
            delay_text
                .trim()
                .parse::<i64>()
                .map_err(|_| {
                    errors.push(FieldError::new("third_party_delay_days", "number_invalid"))
                })
                .ok()
        };
        let input = FactoryInput {
            name: self.name.get_untracked().trim().to_owned(),
            local_name: optional(self.local_name.get_untracked()),
            registration_number: optional(self.registration_number.get_untracked()),
            osh_id: optional(self.osh_id.get_untracked()),
            address: self.address.get_untracked().trim().to_owned(),
            province: self.province.get_untracked(),
            latitude,
            longitude,
            product_type: self.product_type.get_untracked(),
            ownership_country: optional(self.ownership_country.get_untracked().to_uppercase()),
            export_licence: optional(self.export_licence.get_untracked()),
            total_workers,
            women_share_percent: women,
            union_presence: match self.union_presence.get_untracked().as_str() {
                "yes" => Some(true),
                "no" => Some(false),
                _ => None,
            },
            contact_email: optional(self.contact_email.get_untracked()),
            needs_paper_copy: self.needs_paper_copy.get_untracked(),
            status: self.status.get_untracked(),
            third_party_delay_days,
        };
        errors.extend(factory_input_problems(&input));
        if errors.is_empty() {
            Ok(input)
        } else {
            Err(errors)
        }
    }
}

#[component]
pub fn FactoryFormPage() -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let params = use_params_map();
    let factory_id = move || {
        params
            .with(|params| params.get("id"))
            .and_then(|id| id.parse::<i64>().ok())
    };
    let fields = FormFields::new();
    let error = RwSignal::new(None::<ApiError>);
    let local_errors = RwSignal::new(Vec::<FieldError>::new());
    let pending = RwSignal::new(false);

    // Editing: load the factory once and put its facts into the form.
    let existing = LocalResource::new(move || {
        let id = factory_id();
        async move {
            match id {
                Some(id) => api::get::<Factory>(&format!("/api/factories/{id}"))
                    .await
                    .map(Some),
                None => Ok(None),
            }
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(Some(factory))) = existing.get() {
            fields.fill(&factory);
        }
    });

    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        error.set(None);
        let input = match fields.to_input() {
            Ok(input) => input,
            Err(problems) => {
                local_errors.set(problems);
                return;
            }
        };
        local_errors.set(Vec::new());
        pending.set(true);
        let navigate = navigate.clone();
        let id = factory_id();
        leptos::task::spawn_local(async move {
            let saved = match id {
                Some(id) => api::put::<_, Factory>(&format!("/api/factories/{id}"), &input).await,
                None => api::post::<_, Factory>("/api/factories", &input).await,
            };
            match saved {
                Ok(factory) => navigate(&format!("/factories/{}", factory.id), Default::default()),
                Err(failure) => error.set(Some(failure)),
            }
            pending.set(false);
        });
    };

    let errors = move |field: &'static str| {
        Signal::derive(move || {
            let lang = i18n.lang();
            let mut messages: Vec<String> = local_errors
                .get()
                .iter()
                .filter(|problem| problem.field == field)
                .map(|problem| i18n.t(&format!("validation.{}", problem.code)))
                .collect();
            messages.extend(
                error
                    .get()
                    .map(|e| e.field_messages(field, lang))
                    .unwrap_or_default(),
            );
            messages
        })
    };
    let label = move |key: &'static str| Signal::derive(move || i18n.t(key));
    let choice = move |id: &'static str,
                       key: &'static str,
                       signal: RwSignal<String>,
                       options: Vec<(String, String)>,
                       with_empty: bool| {
        let options = StoredValue::new(options);
        view! {
            <div class="field">
                <label for=id>{move || i18n.t(key)}</label>
                <select id=id prop:value=move || signal.get() on:change=move |event| signal.set(event_target_value(&event))>
                    {with_empty.then(|| view! { <option value="">{move || i18n.t("users.choose")}</option> })}
                    {move || options.with_value(|options| options.iter().map(|(value, label_key)| {
                        view! { <option value=value.clone() selected=signal.get_untracked() == *value>{i18n.t(label_key)}</option> }
                    }).collect_view())}
                </select>
                <ul class="field-errors">
                    {move || errors(id).get().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
                </ul>
            </div>
        }
    };
    let provinces: Vec<(String, String)> = PROVINCES
        .iter()
        .map(|name| {
            (
                name.to_string(),
                format!("province.{}", name.to_lowercase().replace(' ', "_")),
            )
        })
        .collect();
    let products = PRODUCT_TYPES
        .iter()
        .map(|p| (p.to_string(), format!("product.{p}")))
        .collect();
    let statuses = FACTORY_STATUSES
        .iter()
        .map(|s| (s.to_string(), format!("status.{s}")))
        .collect();
    let union_choices = vec![
        ("yes".to_owned(), "factories.yes".to_owned()),
        ("no".to_owned(), "factories.no".to_owned()),
    ];
    let title = move || {
        if factory_id().is_some() {
            i18n.t("factories.edit")
        } else {
            i18n.t("factories.add")
        }
    };

    view! {
        <A href="/factories" attr:class="back-link">{move || i18n.t("factories.back")}</A>
        <section class="page-head"><h1>{title}</h1></section>
        <section class="panel">
            <form on:submit=submit novalidate class="grid-form">
                <Notice message=Signal::derive(move || error.get().map(|e| e.message(i18n.lang())))/>
                <TextField id="name" label=label("factories.name") value=fields.name errors=errors("name")/>
                <TextField id="local_name" label=label("factories.local_name") value=fields.local_name errors=errors("local_name")/>
                <TextField id="registration_number" label=label("factories.registration_number") value=fields.registration_number errors=errors("registration_number")/>
                <TextField id="osh_id" label=label("factories.osh_id") value=fields.osh_id errors=errors("osh_id")/>
                <TextField id="address" label=label("factories.address") value=fields.address errors=errors("address")/>
                {choice("province", "factories.province", fields.province, provinces, true)}
                <TextField id="latitude" label=label("factories.latitude") value=fields.latitude errors=errors("latitude") input_type="text"/>
                <TextField id="longitude" label=label("factories.longitude") value=fields.longitude errors=errors("longitude")/>
                {choice("product_type", "factories.product_type", fields.product_type, products, false)}
                <TextField id="ownership_country" label=label("factories.ownership_country") value=fields.ownership_country errors=errors("ownership_country")/>
                <TextField id="export_licence" label=label("factories.export_licence") value=fields.export_licence errors=errors("export_licence")/>
                <TextField id="total_workers" label=label("factories.workers") value=fields.total_workers errors=errors("total_workers")/>
                <TextField id="women_share_percent" label=label("factories.women_share") value=fields.women_share_percent errors=errors("women_share_percent")/>
                {choice("union_presence", "factories.union_presence", fields.union_presence, union_choices, true)}
                <TextField id="contact_email" label=label("factories.contact_email") value=fields.contact_email errors=errors("contact_email") input_type="email"/>
                <TextField id="third_party_delay_days" label=label("factories.third_party_delay_days") value=fields.third_party_delay_days errors=errors("third_party_delay_days") input_type="number" hint=Signal::derive(move || i18n.t("factories.third_party_delay_hint"))/>
                {choice("status", "factories.status", fields.status, statuses, false)}
                <div class="field checkbox">
                    <label>
                        <input
                            type="checkbox"
                            prop:checked=move || fields.needs_paper_copy.get()
                            on:change=move |event| fields.needs_paper_copy.set(event_target_checked(&event))
                        />
                        {move || i18n.t("factories.needs_paper_copy")}
                    </label>
                </div>
                <div class="form-actions">
                    <button type="submit" class="button primary" disabled=move || pending.get()>
                        {move || i18n.t("factories.save")}
                    </button>
                </div>
            </form>
        </section>
    }
}
