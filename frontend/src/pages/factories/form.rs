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
use crate::components::form::{field_errors, form_message, Notice, SelectField, TextField};
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

    /// The typed input, and the fields whose numbers do not parse (left empty in the input).
    fn to_input(self) -> (FactoryInput, Vec<FieldError>) {
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
        (input, errors)
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
    let pending = RwSignal::new(false);

    // Editing: load the factory once and put its facts into the form.
    let existing = LocalResource::new(move || {
        let request = factory_id().map(api::factories::get);
        async move {
            match request {
                Some(request) => request.await.map(Some),
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
        // Numbers that do not parse, then the server's own rules: shown without a round trip.
        let (input, mut problems) = fields.to_input();
        problems.extend(factory_input_problems(&input));
        if let Some(invalid) = ApiError::from_problems(problems) {
            error.set(Some(invalid));
            return;
        }
        error.set(None);
        pending.set(true);
        let navigate = navigate.clone();
        let id = factory_id();
        leptos::task::spawn_local(async move {
            let saved = match id {
                Some(id) => api::factories::update(id, &input).await,
                None => api::factories::create(&input).await,
            };
            match saved {
                Ok(factory) => navigate(&format!("/factories/{}", factory.id), Default::default()),
                Err(failure) => error.set(Some(failure)),
            }
            pending.set(false);
        });
    };

    let errors = move |field: &'static str| field_errors(i18n, error, field);
    let label = move |key: &'static str| Signal::derive(move || i18n.t(key));
    // (value, translation key) pairs as (value, text) in the chosen language.
    let translated = move |options: Vec<(String, String)>| {
        Signal::derive(move || {
            options
                .iter()
                .map(|(value, key)| (value.clone(), i18n.t(key)))
                .collect::<Vec<_>>()
        })
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
    let products: Vec<(String, String)> = PRODUCT_TYPES
        .iter()
        .map(|p| (p.to_string(), format!("product.{p}")))
        .collect();
    let statuses: Vec<(String, String)> = FACTORY_STATUSES
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
                <Notice message=form_message(i18n, error)/>
                <TextField id="name" label=label("factories.name") value=fields.name errors=errors("name")/>
                <TextField id="local_name" label=label("factories.local_name") value=fields.local_name errors=errors("local_name")/>
                <TextField id="registration_number" label=label("factories.registration_number") value=fields.registration_number errors=errors("registration_number")/>
                <TextField id="osh_id" label=label("factories.osh_id") value=fields.osh_id errors=errors("osh_id")/>
                <TextField id="address" label=label("factories.address") value=fields.address errors=errors("address")/>
                <SelectField id="province" label=label("factories.province") value=fields.province choose=label("users.choose") options=translated(provinces) errors=errors("province")/>
                <TextField id="latitude" label=label("factories.latitude") value=fields.latitude errors=errors("latitude")/>
                <TextField id="longitude" label=label("factories.longitude") value=fields.longitude errors=errors("longitude")/>
                <SelectField id="product_type" label=label("factories.product_type") value=fields.product_type options=translated(products) errors=errors("product_type")/>
                <TextField id="ownership_country" label=label("factories.ownership_country") value=fields.ownership_country errors=errors("ownership_country")/>
                <TextField id="export_licence" label=label("factories.export_licence") value=fields.export_licence errors=errors("export_licence")/>
                <TextField id="total_workers" label=label("factories.workers") value=fields.total_workers errors=errors("total_workers")/>
                <TextField id="women_share_percent" label=label("factories.women_share") value=fields.women_share_percent errors=errors("women_share_percent")/>
                <SelectField id="union_presence" label=label("factories.union_presence") value=fields.union_presence choose=label("users.choose") options=translated(union_choices) errors=errors("union_presence")/>
                <TextField id="contact_email" label=label("factories.contact_email") value=fields.contact_email errors=errors("contact_email") input_type="email"/>
                <TextField id="third_party_delay_days" label=label("factories.third_party_delay_days") value=fields.third_party_delay_days errors=errors("third_party_delay_days") input_type="number" hint=label("factories.third_party_delay_hint")/>
                <SelectField id="status" label=label("factories.status") value=fields.status options=translated(statuses) errors=errors("status")/>
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
