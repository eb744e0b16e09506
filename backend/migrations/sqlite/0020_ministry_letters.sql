-- Reports of non-cooperation to the ministries: one letter per ministry, written when an
-- obstructed visit's report is approved and never changed (the text is stored as written),
-- with its email in the outbox when the ministry's address is configured, and the hand-over
-- of the paper copy recorded by staff.
create table ministry_letters (
    id integer primary key,
    visit_id integer not null references visits (id),
    factory_id integer not null references factories (id),
    ministry text not null check (ministry in ('labour', 'commerce')),
    reference text not null unique,
    -- ISO date (Cambodia).
    written_on text not null,
    subject text not null,
    body text not null,
    outbox_message_id integer references outbox_messages (id),
    written_by integer not null references users (id),
    created_at integer not null,
    -- The current hand-over, kept for reading; the event below is the record.
    paper_handed_over_on text,
    paper_recorded_by integer references users (id),
    paper_note text not null default '',
    unique (visit_id, ministry)
);
create index ministry_letters_created on ministry_letters (created_at);

-- Append-only: written, paper handed over; with who and when.
create table ministry_letter_events (
    id integer primary key,
    letter_id integer not null references ministry_letters (id),
    event text not null check (event in ('written', 'paper_handed_over')),
    note text not null default '',
    actor_user_id integer not null references users (id),
    occurred_at integer not null
);
create index ministry_letter_events_letter on ministry_letter_events (letter_id, id);
