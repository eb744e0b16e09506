//! Demo data loaded on the first start of an empty database: one user per role, two
//! organisations and a handful of real Cambodian garment factories (names and places from
//! public supplier lists; registration numbers and workforce figures are illustrative).

use shared::api::access::{SubscriptionInput, DEFAULT_SUBSCRIPTION_FEE_CENTS};
use shared::date::cambodia_date;
use shared::factory::FactoryInput;
use shared::roles::Role;

use crate::db::{factories, grants, organisations, subscriptions, users, Db};
use crate::domain::passwords;

/// The shared password of every demo account. Public: demo data is for trying the product.
pub const DEMO_PASSWORD: &str = "angkor-wat-sunrise-2026";

pub struct DemoUser {
    pub username: &'static str,
    pub display_name: &'static str,
    pub role: Role,
}

pub const DEMO_USERS: [DemoUser; 8] = [
    DemoUser {
        username: "admin",
        display_name: "Sophea Chan",
        role: Role::Administrator,
    },
    DemoUser {
        username: "monitor",
        display_name: "Dara Kim",
        role: Role::Monitor,
    },
    DemoUser {
        username: "approver",
        display_name: "Maria Santos",
        role: Role::Approver,
    },
    DemoUser {
        username: "trainer",
        display_name: "Vanna Sok",
        role: Role::Trainer,
    },
    DemoUser {
        username: "factory",
        display_name: "Li Wei",
        role: Role::FactoryManager,
    },
    DemoUser {
        username: "buyer",
        display_name: "Emma Larsen",
        role: Role::Buyer,
    },
    DemoUser {
        username: "union",
        display_name: "Srey Mom",
        role: Role::UnionRepresentative,
    },
    DemoUser {
        username: "ministry",
        display_name: "Chan Sophal",
        role: Role::GovernmentReader,
    },
];

/// (name, registration number, address, province, product type, workers, women %)
type DemoFactory = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    i64,
    f64,
);

const DEMO_FACTORIES: [DemoFactory; 6] = [
    (
        "Injae Garment Co. Ltd.",
        "DEMO-0001",
        "Toul Kor Village, St. 598, Sangkat Toul Sangke, Khan Russey Keo, Phnom Penh",
        "Phnom Penh",
        "garment",
        1850,
        84.0,
    ),
    (
        "Reliable Source Industrial (Cambodia) Co. Ltd.",
        "DEMO-0002",
        "Phum Kral Dumrey, Sangkat Kakab, Khan Dangkor, Phnom Penh",
        "Phnom Penh",
        "garment",
        960,
        79.5,
    ),
    (
        "Sabrina (Cambodia) Garment Manufacturing Corp.",
        "DEMO-0003",
        "National Road No. 4, Phum Trapaing Reussey, Samrong Tong, Kampong Speu",
        "Kampong Speu",
        "garment",
        5200,
        88.0,
    ),
    (
        "CPCG International Co. Ltd",
        "DEMO-0004",
        "Sruk Choeung Brey, Kampong Cham",
        "Kampong Cham",
        "garment",
        2400,
        81.0,
    ),
    (
        "Yorks (Cambodia) Co. Ltd",
        "DEMO-0005",
        "National Road No. 1, Tai Seng SEZ, Sangkat Bavet, Svay Rieng",
        "Svay Rieng",
        "travel_goods_and_bags",
        3100,
        76.0,
    ),
    (
        "I-Cheng Corporation",
        "DEMO-0006",
        "National Road No. 3, Phum Tang Dong, Khum Tang Dong, Srok Bati, Takeo",
        "Takeo",
        "footwear",
        1600,
        83.5,
    ),
];

const PAPER_COPY_FACTORY: &str = "DEMO-0006";

fn demo_factory(factory: &DemoFactory) -> FactoryInput {
    let (name, registration_number, address, province, product_type, workers, women) = *factory;
    FactoryInput {
        name: name.to_owned(),
        registration_number: Some(registration_number.to_owned()),
        address: address.to_owned(),
        province: province.to_owned(),
        product_type: product_type.to_owned(),
        total_workers: Some(workers),
        women_share_percent: Some(women),
        union_presence: Some(true),
        // One demo factory has no email, to show the paper-copy list in the outbox.
        contact_email: (registration_number != PAPER_COPY_FACTORY).then(|| {
            format!(
                "compliance.{}@factories.example",
                registration_number.to_lowercase()
            )
        }),
        needs_paper_copy: registration_number == PAPER_COPY_FACTORY,
        status: "active".to_owned(),
        ..FactoryInput::default()
    }
}

const DAY: i64 = 86_400;

/// Loads the demo data when the database has no users yet. Returns whether it did.
pub async fn load_if_empty(db: &Db, now: i64) -> Result<bool, sqlx::Error> {
    if users::count(&db.pool).await? > 0 {
        return Ok(false);
    }
    // Hash before opening the transaction: Argon2 is slow and SQLite has one writer.
    let hashes: Vec<String> = DEMO_USERS
        .iter()
        .map(|_| passwords::hash(DEMO_PASSWORD))
        .collect();
    let mut transaction = db.pool.begin().await?;
    let buyer = organisations::insert(
        &mut *transaction,
        "Northwind Apparel (demo buyer)",
        "buyer",
        now,
    )
    .await?;
    let union = organisations::insert(
        &mut *transaction,
        "Garment Workers Union Federation (demo)",
        "union",
        now,
    )
    .await?;
    let mut factory_ids = Vec::new();
    for factory in &DEMO_FACTORIES {
        factory_ids.push(factories::insert(&mut *transaction, &demo_factory(factory), now).await?);
    }
    for (user, password_hash) in DEMO_USERS.iter().zip(&hashes) {
        let new_user = users::NewUser {
            username: user.username,
            display_name: user.display_name,
            email: None,
            role: user.role,
            password_hash,
            must_change_password: false,
            factory_id: (user.role == Role::FactoryManager).then_some(factory_ids[0]),
            organisation_id: match user.role {
                Role::Buyer => Some(buyer),
                Role::UnionRepresentative => Some(union),
                _ => None,
            },
        };
        users::insert(&mut *transaction, &new_user, now).await?;
    }
    // The demo buyer sources from the first four demo factories, which granted it access.
    // Its subscriptions, paid, run for a year that began half a year ago, so that the demo
    // reports (published weeks ago) were readable from their third-party dates.
    for factory_id in &factory_ids[..4] {
        grants::grant(&mut transaction, *factory_id, buyer, None, now).await?;
        let subscription = SubscriptionInput {
            organisation_id: buyer,
            factory_id: *factory_id,
            fee_cents: None,
            starts_on: cambodia_date(now - 180 * DAY),
            ends_on: cambodia_date(now + 185 * DAY),
            paid: true,
        };
        subscriptions::insert(
            &mut *transaction,
            &subscription,
            DEFAULT_SUBSCRIPTION_FEE_CENTS,
            None,
            now,
        )
        .await?;
    }
    transaction.commit().await?;
    Ok(true)
}

/// Generated factories beside the demo ones, so that the public site (named factories, the
/// low-compliance list, groups of five or more) and the industry figures have something true
/// to show on a fresh start.
pub const DEMO_INDUSTRY_FACTORIES: usize = 80;
/// Years of assessments of the generated demo industry.
pub const DEMO_INDUSTRY_YEARS: i64 = 10;

/// Six years of published assessments for the demo factories and a seeded industry of
/// [`DEMO_INDUSTRY_FACTORIES`] more, ending four months ago, so reports show progress and
/// the industry figures have something to show.
pub async fn load_history(db: &Db, now: i64) -> Result<(), crate::generator::GenerateError> {
    let until = crate::clock::iso_date(now - 120 * DAY);
    crate::generator::add_history(db, 7, 6, &until, now).await?;
    let industry = crate::generator::Options {
        seed: 2026,
        factories: DEMO_INDUSTRY_FACTORIES,
        years: DEMO_INDUSTRY_YEARS,
        until,
    };
    crate::generator::generate_industry(db, &industry, now).await?;
    issue_demo_editions(db, &industry.until, now).await?;
    Ok(())
}

/// How many half-year synthesis editions the demo has issued: the latest ones that ended
/// before its history does.
pub const DEMO_EDITIONS: usize = 4;

/// Issues the editions of the [`DEMO_EDITIONS`] latest half-years ended by `until`, as the
/// demo administrator, so that the extranet and the public site have issued editions to read.
async fn issue_demo_editions(db: &Db, until: &str, now: i64) -> Result<(), sqlx::Error> {
    let Some(admin) = users::find_by_username(&db.pool, DEMO_USERS[0].username).await? else {
        return Ok(());
    };
    let year: i32 = until.get(..4).and_then(|y| y.parse().ok()).unwrap_or(2000);
    let mut periods: Vec<String> = (year - 3..=year)
        .flat_map(|year| [format!("{year}-H1"), format!("{year}-H2")])
        .filter(|period| shared::synthesis::period_has_ended(period, until))
        .collect();
    periods.drain(..periods.len().saturating_sub(DEMO_EDITIONS));
    let mut transaction = db.pool.begin().await?;
    let names = crate::db::checklists::current_names(&mut transaction, &db.checklist_names).await?;
    for period in periods {
        // A period without reports is simply not issued.
        let _ = crate::industry_figures::issue_edition(
            &mut transaction,
            &names,
            &period,
            admin.id,
            now,
        )
        .await?;
    }
    transaction.commit().await
}
