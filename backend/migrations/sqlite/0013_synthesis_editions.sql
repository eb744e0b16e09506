-- A synthesis report issued for a quarter or half-year: its figures as computed on the day
-- of issue, stored whole so that a report published later never changes them. One edition
-- per period; later data appear in the next period's edition.
create table synthesis_editions (
    id integer primary key,
    period text not null unique,
    issued_by integer not null references users (id),
    issued_at integer not null,
    -- The latest publication the figures include (unix seconds); null when none.
    data_as_of integer,
    factories integer not null,
    -- The SynthesisDocument as JSON, and the SHA-256 (hex) of exactly these bytes.
    document text not null,
    sha256 text not null
);
