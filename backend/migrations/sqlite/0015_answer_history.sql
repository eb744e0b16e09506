-- Every change to a visit's answer as it arrived from a monitor's device; rows are never
-- updated. It is the answer's history, and what a conflict between two monitors is judged
-- from: a change names the latest change its device had seen (based_on), so a change made
-- without seeing another monitor's is recognised.
create table answer_changes (
    id integer primary key,
    visit_id integer not null references visits (id),
    question_id integer not null references checklist_questions (id),
    choice text check (choice in ('compliant', 'non_compliant', 'not_applicable')),
    value text not null default '',
    finding text not null default '',
    suggestion text not null default '',
    -- The device's time of the change in milliseconds, brought back to the server's clock
    -- (plus a small lead) when the device runs ahead.
    changed_at integer not null,
    -- The device's time as sent: the same user sending the same time again is a replay.
    device_changed_at integer not null,
    based_on integer references answer_changes (id),
    saved_by integer not null references users (id),
    saved_at integer not null
);
create index answer_changes_question on answer_changes (visit_id, question_id, id);

-- The latest change of the question (what a device bases its next change on), and the other
-- side of a conflict nobody has settled yet.
alter table answers add column revision integer references answer_changes (id);
alter table answers add column conflict_change_id integer references answer_changes (id);

-- Answers saved before the history existed start it.
insert into answer_changes (visit_id, question_id, choice, value, finding, suggestion, changed_at, device_changed_at, saved_by, saved_at)
    select visit_id, question_id, choice, value, finding, suggestion, changed_at, changed_at, saved_by, saved_at from answers;
update answers set revision = (
    select max(c.id) from answer_changes c
    where c.visit_id = answers.visit_id and c.question_id = answers.question_id
);
