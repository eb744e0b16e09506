//! Demo data loaded on the first start of an empty database: one user per role, two
//! organisations and a handful of real Cambodian garment factories (names and places from
//! public supplier lists; registration numbers and workforce figures are illustrative).

use shared::roles::Role;

use crate::db::{factories, organisations, users, Db};
use crate::domain::passwords;

/// The shared password of every demo account. Public: demo data is for trying the product.
pub const DEMO_PASSWORD: &str = "angkor-wat-sunrise-2026";

pub struct DemoUser {
    pub username: &'static str,
    pub display_name: &'static str,
    pub role: Role,
}

pub const DEMO_USERS: [DemoUser; 7] = [
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
];

const DEMO_FACTORIES: [factories::NewFactory<'static>; 6] = [
    factories::NewFactory {
        name: "Injae Garment Co. Ltd.",
        local_name: None,
        registration_number: "DEMO-0001",
        address: "Toul Kor Village, St. 598, Sangkat Toul Sangke, Khan Russey Keo, Phnom Penh",
        province: "Phnom Penh",
        product_type: "garment",
        total_workers: 1850,
        women_share_percent: 84.0,
    },
    factories::NewFactory {
        name: "Reliable Source Industrial (Cambodia) Co. Ltd.",
        local_name: None,
        registration_number: "DEMO-0002",
        address: "Phum Kral Dumrey, Sangkat Kakab, Khan Dangkor, Phnom Penh",
        province: "Phnom Penh",
        product_type: "garment",
        total_workers: 960,
        women_share_percent: 79.5,
    },
    factories::NewFactory {
        name: "Sabrina (Cambodia) Garment Manufacturing Corp.",
        local_name: None,
        registration_number: "DEMO-0003",
        address: "National Road No. 4, Phum Trapaing Reussey, Samrong Tong, Kampong Speu",
        province: "Kampong Speu",
        product_type: "garment",
        total_workers: 5200,
        women_share_percent: 88.0,
    },
    factories::NewFactory {
        name: "CPCG International Co. Ltd",
        local_name: None,
        registration_number: "DEMO-0004",
        address: "Sruk Choeung Brey, Kampong Cham",
        province: "Kampong Cham",
        product_type: "garment",
        total_workers: 2400,
        women_share_percent: 81.0,
    },
    factories::NewFactory {
        name: "Yorks (Cambodia) Co. Ltd",
        local_name: None,
        registration_number: "DEMO-0005",
        address: "National Road No. 1, Tai Seng SEZ, Sangkat Bavet, Svay Rieng",
        province: "Svay Rieng",
        product_type: "travel_goods_and_bags",
        total_workers: 3100,
        women_share_percent: 76.0,
    },
    factories::NewFactory {
        name: "I-Cheng Corporation",
        local_name: None,
        registration_number: "DEMO-0006",
        address: "National Road No. 3, Phum Tang Dong, Khum Tang Dong, Srok Bati, Takeo",
        province: "Takeo",
        product_type: "footwear",
        total_workers: 1600,
        women_share_percent: 83.5,
    },
];

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
        factory_ids.push(factories::insert(&mut *transaction, factory, now).await?);
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
    transaction.commit().await?;
    Ok(true)
}
