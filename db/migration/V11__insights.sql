-- Insights (issue 8): hourly aggregates per customer so the executive report never scans messages, the
-- aggregation watermark, ShedLock's lock table, and the indexes the incremental aggregation needs on source tables.
-- See docs/decisions/011-insights.md.

-- one row per customer and UTC hour; every figure belongs to exactly one hour so that sums over hours are exact:
-- conversations, first response and categories by the hour the conversation started; messages and sentiment by the
-- message's hour; resolutions by the hour of resolved_at; escalations by opened_at; suggestions by when shown
create table insight_hourly (
    customer_id             uuid not null references customers (id) on delete cascade,
    hour                    timestamptz not null,
    conversations           integer not null default 0,
    categorised_conversations integer not null default 0,
    messages                integer not null default 0,
    customer_messages       integer not null default 0,
    sentiment_sum           double precision not null default 0,
    sentiment_count         integer not null default 0,
    negative_messages       integer not null default 0,
    escalations             integer not null default 0,
    resolved                integer not null default 0,
    first_response_seconds  double precision not null default 0,
    first_response_count    integer not null default 0,
    resolution_seconds      double precision not null default 0,
    resolution_count        integer not null default 0,
    suggestions_shown       integer not null default 0,
    suggestions_accepted    integer not null default 0,
    computed_at             timestamptz not null default now(),
    primary key (customer_id, hour)
);

-- conversations started in the hour per category (a conversation counts once per category)
create table insight_hourly_categories (
    customer_id   uuid not null references customers (id) on delete cascade,
    hour          timestamptz not null,
    category_key  text not null,
    conversations integer not null default 0,
    primary key (customer_id, hour, category_key)
);

-- escalations opened in the hour per cause (the rule's name, else the reason)
create table insight_hourly_causes (
    customer_id uuid not null references customers (id) on delete cascade,
    hour        timestamptz not null,
    cause       text not null,
    escalations integer not null default 0,
    primary key (customer_id, hour, cause)
);

-- how far the incremental aggregation got per customer: changes at or after (watermark - overlap) are re-read
create table insight_aggregation_state (
    customer_id uuid primary key references customers (id) on delete cascade,
    watermark   timestamptz not null,
    full_runs   integer not null default 0,
    updated_at  timestamptz not null default now()
);

do
$$
declare
    t text;
begin
    foreach t in array array ['insight_hourly', 'insight_hourly_categories', 'insight_hourly_causes',
                             'insight_aggregation_state']
    loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
        execute format('create policy tenant_isolation on %I
                            using (customer_id = app_current_customer() or app_platform_access())
                            with check (customer_id = app_current_customer() or app_platform_access())', t);
    end loop;
end
$$;

-- the latest extraction per customer overlapping a period
create index conversation_insights_latest_idx on conversation_insights (customer_id, kind, created_at desc);

-- ShedLock (net.javacrumbs.shedlock, JdbcTemplateLockProvider, its documented schema; UTC database time): one row
-- per scheduled task name; platform data, no tenant
create table shedlock (
    name       varchar(64) primary key,
    lock_until timestamp not null,
    locked_at  timestamp not null,
    locked_by  varchar(255) not null
);

-- source-table indexes the aggregation and the drill-down need (the others exist since V1-V8):
-- resolutions per hour, escalations by opening time, suggestions decided since the watermark,
-- the contact messages of a period for topic extraction
create index conversations_resolved_idx on conversations (customer_id, resolved_at) where resolved_at is not null;
create index escalation_events_opened_idx on escalation_events (customer_id, opened_at);
create index response_suggestions_decided_idx on response_suggestions (customer_id, decided_at) where decided_at is not null;
create index messages_customer_contact_idx on messages (customer_id, created_at) where author_type = 'contact' and not internal;

grant select, insert, update, delete on insight_hourly, insight_hourly_categories, insight_hourly_causes,
    insight_aggregation_state, shedlock to ${appRole};
