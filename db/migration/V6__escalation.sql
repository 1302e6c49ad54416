-- Escalation (issue 5): rule/event columns, the event history, the module's own read model of analysed
-- messages, the per-customer seeding marker and the notification outbox. See docs/decisions/005-escalation.md.

-- at most one escalation per conversation is open or acknowledged at a time (de-duplication, also across replicas)
create unique index escalation_events_one_open_idx on escalation_events (conversation_id) where status <> 'resolved';
create index escalation_events_resolved_idx on escalation_events (conversation_id, resolved_at desc) where status = 'resolved';

alter table escalation_events add column rule_name text;
alter table escalation_events add column assigned_to uuid;
alter table escalation_events add column assigned_name text;
alter table escalation_events add column match_count integer not null default 1;
alter table escalation_events add column last_matched_at timestamptz not null default now();
alter table escalation_events add column acknowledged_by_name text;
alter table escalation_events add column resolved_by_name text;
-- false: recorded (banner, API, history) but not listed in the supervisors' queue (rule without that action)
alter table escalation_events add column queued boolean not null default true;

-- what happened to one escalation, oldest first: repeat matches, acknowledge/assign/resolve, notification results
create table escalation_history (
    id          uuid primary key,
    customer_id uuid not null references customers (id) on delete cascade,
    event_id    uuid not null references escalation_events (id) on delete cascade,
    kind        text not null,
    text        text not null,
    created_at  timestamptz not null default now()
);
create index escalation_history_customer_idx on escalation_history (customer_id, created_at);
create index escalation_history_event_idx on escalation_history (event_id, created_at);

-- the escalation module's read model of MessageAnalysed (one row per contact message; a re-analysis replaces it);
-- consecutive negatives, sentiment drops and the rule dry run read this, never the analysis module's tables
create table escalation_signals (
    message_id      uuid primary key references messages (id) on delete cascade,
    customer_id     uuid not null references customers (id) on delete cascade,
    conversation_id uuid not null references conversations (id) on delete cascade,
    score           numeric(5, 4),
    label           text,
    confidence      numeric(5, 4),
    categories      text[] not null default '{}',
    created_at      timestamptz not null default now()
);
create index escalation_signals_customer_idx on escalation_signals (customer_id, created_at);
create index escalation_signals_conversation_idx on escalation_signals (conversation_id, created_at);

-- default rules are seeded once per customer; deleting them all later must not bring them back
create table escalation_rule_seeds (
    customer_id uuid primary key references customers (id) on delete cascade,
    seeded_at   timestamptz not null default now()
);

-- durable notification outbox, written in the same transaction as the escalation
create table escalation_notifications (
    id              uuid primary key,
    customer_id     uuid not null references customers (id) on delete cascade,
    event_id        uuid not null references escalation_events (id) on delete cascade,
    channel         text not null check (channel in ('slack', 'email', 'pagerduty')),
    status          text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
    attempts        integer not null default 0,
    last_error      text,
    next_attempt_at timestamptz not null default now(),
    created_at      timestamptz not null default now(),
    sent_at         timestamptz,
    unique (event_id, channel)
);
create index escalation_notifications_customer_idx on escalation_notifications (customer_id, created_at);
create index escalation_notifications_event_idx on escalation_notifications (event_id);
create index escalation_notifications_due_idx on escalation_notifications (next_attempt_at) where status = 'pending';

do
$$
declare
    t text;
begin
    foreach t in array array ['escalation_history', 'escalation_signals', 'escalation_rule_seeds',
                             'escalation_notifications']
    loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
        execute format('create policy tenant_isolation on %I
                            using (customer_id = app_current_customer() or app_platform_access())
                            with check (customer_id = app_current_customer() or app_platform_access())', t);
    end loop;
end
$$;

grant select, insert, update, delete on escalation_history, escalation_signals, escalation_rule_seeds,
    escalation_notifications to ${appRole};
