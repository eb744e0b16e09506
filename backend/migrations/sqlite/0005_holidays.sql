-- The public-holiday calendar that working-day deadlines skip (objections to a report's
-- findings). Administrators keep it; on first start it is filled from
-- backend/data/cambodia_public_holidays.csv. One row per day: a three-day festival is three
-- rows with the same name. Dates are ISO text (YYYY-MM-DD), in Cambodia's calendar.
create table public_holidays (
    holiday_date text primary key,
    name text not null,
    created_at integer not null,
    created_by integer references users (id)
);
