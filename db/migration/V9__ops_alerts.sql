-- In-app alerting for deployments without Datadog: one firing row per rule at a time (the unique index
-- de-duplicates across replicas: only the replica whose insert wins sends the notifications).
create table ops_alerts (
    id            uuid primary key,
    rule          text not null,
    status        text not null check (status in ('firing', 'resolved')),
    value         double precision not null,
    threshold     double precision not null,
    message       text not null,
    notifications text not null default '',
    fired_at      timestamptz not null default now(),
    resolved_at   timestamptz
);
create unique index ops_alerts_one_firing_idx on ops_alerts (rule) where status = 'firing';
create index ops_alerts_fired_idx on ops_alerts (fired_at);
