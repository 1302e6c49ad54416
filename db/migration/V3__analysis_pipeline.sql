-- Analysis pipeline (issue 4): the durable job queue (platform), corrections and per-customer model state,
-- per-customer taxonomy and the AI usage ledger (analysis). Every table carries customer_id and so has
-- ENABLE + FORCE row-level security and the standard policy (docs/decisions/002, 008).

-- jobs: the truth of the job queue; Redis Streams only distribute ids (docs/decisions/008-job-queue.md).
-- The queue itself reads and writes across customers on the platform path (app.platform_access).
create table jobs (
    id          uuid primary key,
    type        text not null check (type ~ '^[a-z0-9][a-z0-9.-]{0,62}$'),
    customer_id uuid not null references customers (id) on delete cascade,
    subject_id  uuid not null,
    parent_id   uuid,
    status      text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed', 'dead')),
    attempts    integer not null default 0 check (attempts >= 0),
    last_error  text,
    run_after   timestamptz not null default now(),
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    unique (type, subject_id)
);
create index jobs_customer_idx on jobs (customer_id, created_at);
create index jobs_pending_idx on jobs (status, run_after) where status in ('queued', 'running', 'failed');

-- agents' corrections: who changed what, before and after
create table analysis_corrections (
    id              uuid primary key,
    customer_id     uuid not null references customers (id) on delete cascade,
    message_id      uuid not null references messages (id) on delete cascade,
    conversation_id uuid not null references conversations (id) on delete cascade,
    kind            text not null check (kind in ('sentiment', 'categories')),
    before          jsonb not null,
    after           jsonb not null,
    by_user         uuid not null,
    created_at      timestamptz not null default now()
);
create index analysis_corrections_customer_idx on analysis_corrections (customer_id, created_at);
create index analysis_corrections_message_idx on analysis_corrections (message_id);
create index analysis_corrections_conversation_idx on analysis_corrections (conversation_id);

-- one adapter per customer (CustomerAdapter bytes) with its prequential accuracies
create table customer_models (
    customer_id        uuid primary key references customers (id) on delete cascade,
    adapter            bytea not null,
    corrections        integer not null default 0,
    sentiment_accuracy double precision,
    category_accuracy  double precision,
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now()
);
create index customer_models_customer_idx on customer_models (customer_id, created_at);

-- per-customer taxonomy: renames, additions and retirements over the default keys
create table customer_categories (
    customer_id  uuid not null references customers (id) on delete cascade,
    key          text not null check (key ~ '^[a-z0-9][a-z0-9_]{0,39}$'),
    display_name text not null check (char_length(display_name) between 1 and 80),
    retired      boolean not null default false,
    created_at   timestamptz not null default now(),
    primary key (customer_id, key)
);
create index customer_categories_customer_idx on customer_categories (customer_id, created_at);

-- the AI cost ledger: one row per external model call
create table ai_usage (
    id                uuid primary key,
    customer_id       uuid not null references customers (id) on delete cascade,
    feature           text not null,
    model             text not null,
    prompt_tokens     integer not null default 0,
    completion_tokens integer not null default 0,
    cost_usd          numeric(12, 6) not null default 0,
    latency_ms        integer not null default 0,
    outcome           text not null check (outcome in ('success', 'timeout', 'rate_limited', 'error', 'invalid_output', 'circuit_open')),
    created_at        timestamptz not null default now()
);
create index ai_usage_customer_idx on ai_usage (customer_id, created_at);

do $$
declare
    t text;
begin
    foreach t in array array['jobs', 'analysis_corrections', 'customer_models', 'customer_categories', 'ai_usage']
    loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
        execute format('create policy tenant_isolation on %I
                            using (customer_id = app_current_customer() or app_platform_access())
                            with check (customer_id = app_current_customer() or app_platform_access())', t);
    end loop;
end
$$;

grant select, insert, update, delete on jobs, analysis_corrections, customer_models, customer_categories, ai_usage
    to ${appRole};
