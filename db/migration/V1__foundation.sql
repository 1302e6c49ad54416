-- OmniOps foundation schema: tenancy, conversations, the seed's seven AI tables, event registry.
-- Row-level security: every table that carries customer_id has ENABLE + FORCE and one policy
-- on the per-transaction setting app.customer_id (see docs/decisions/002-row-level-security.md).

create extension if not exists pg_trgm;

do $$
begin
    if exists (select 1 from pg_available_extensions where name = 'vector') then
        execute 'create extension if not exists vector';
    end if;
end
$$;

-- The application role: owns nothing, is not a superuser, cannot bypass RLS.
do $$
begin
    if not exists (select 1 from pg_roles where rolname = '${appRole}') then
        if '${appPassword}' = '' then
            execute format('create role %I nologin nosuperuser nocreatedb nocreaterole nobypassrls', '${appRole}');
        else
            execute format('create role %I login password %L nosuperuser nocreatedb nocreaterole nobypassrls',
                           '${appRole}', '${appPassword}');
        end if;
    end if;
    -- lets an owner connection switch to the application role with SET ROLE (prod without DATABASE_APP_URL)
    execute format('grant %I to current_user', '${appRole}');
exception
    when others then
        raise notice 'role setup: %', sqlerrm;
end
$$;

create function app_current_customer() returns uuid
    language sql stable
as $$ select nullif(current_setting('app.customer_id', true), '')::uuid $$;

create function app_platform_access() returns boolean
    language sql stable
as $$ select coalesce(current_setting('app.platform_access', true), '') = 'on' $$;

-- tenancy -----------------------------------------------------------------------------------

create table customers (
    id          uuid primary key,
    slug        text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    name        text not null,
    plan        text not null default 'standard',
    region      text not null default 'eu',
    created_at  timestamptz not null default now()
);

create table app_users (
    id            uuid primary key,
    customer_id   uuid references customers (id) on delete cascade,
    username      text not null unique,
    password_hash text not null,
    display_name  text not null,
    role          text not null check (role in ('AGENT', 'SUPERVISOR', 'EXECUTIVE', 'ADMIN')),
    enabled       boolean not null default true,
    theme         text not null default 'light' check (theme in ('light', 'dark')),
    created_at    timestamptz not null default now(),
    check ((role = 'ADMIN') = (customer_id is null))
);
create index app_users_customer_idx on app_users (customer_id, created_at);

create table audit_log (
    id          uuid primary key,
    customer_id uuid references customers (id) on delete cascade,
    actor       text not null,
    action      text not null,
    detail      jsonb not null default '{}'::jsonb,
    created_at  timestamptz not null default now()
);
create index audit_log_customer_idx on audit_log (customer_id, created_at);

-- conversations -----------------------------------------------------------------------------

create table contacts (
    id          uuid primary key,
    customer_id uuid not null references customers (id) on delete cascade,
    name        text not null,
    email       text,
    phone       text,
    vip         boolean not null default false,
    created_at  timestamptz not null default now()
);
create index contacts_customer_idx on contacts (customer_id, created_at);
create index contacts_email_idx on contacts (customer_id, lower(email));

create table conversations (
    id                       uuid primary key,
    customer_id              uuid not null references customers (id) on delete cascade,
    contact_id               uuid not null references contacts (id) on delete cascade,
    subject                  text not null default '',
    status                   text not null default 'open' check (status in ('open', 'pending', 'resolved')),
    priority                 text not null default 'normal' check (priority in ('low', 'normal', 'high', 'urgent')),
    channel                  text not null default 'chat',
    assignee_id              uuid references app_users (id) on delete set null,
    message_count            integer not null default 0,
    created_at               timestamptz not null default now(),
    updated_at               timestamptz not null default now(),
    first_response_at        timestamptz,
    last_customer_message_at timestamptz,
    last_agent_message_at    timestamptz,
    resolved_at              timestamptz,
    version                  bigint not null default 0
);
create index conversations_customer_idx on conversations (customer_id, created_at);
create index conversations_contact_idx on conversations (contact_id);
create index conversations_assignee_idx on conversations (assignee_id);
create index conversations_queue_idx on conversations (customer_id, status, last_customer_message_at);

create table messages (
    id              uuid primary key,
    customer_id     uuid not null references customers (id) on delete cascade,
    conversation_id uuid not null references conversations (id) on delete cascade,
    author_type     text not null check (author_type in ('contact', 'agent', 'system')),
    author_id       uuid,
    text            text not null check (char_length(text) between 1 and 10000),
    internal        boolean not null default false,
    idempotency_key text,
    created_at      timestamptz not null default now()
);
create index messages_customer_idx on messages (customer_id, created_at);
create index messages_conversation_idx on messages (conversation_id, created_at);
create unique index messages_idempotency_idx on messages (customer_id, idempotency_key) where idempotency_key is not null;

-- the seed's seven AI tables ----------------------------------------------------------------

create table sentiment_analysis (
    id              uuid primary key,
    customer_id     uuid not null references customers (id) on delete cascade,
    message_id      uuid not null unique references messages (id) on delete cascade,
    conversation_id uuid not null references conversations (id) on delete cascade,
    score           numeric(5, 4) not null check (score between 0 and 1),
    label           text not null check (label in ('negative', 'neutral', 'positive')),
    confidence      numeric(5, 4) not null check (confidence between 0 and 1),
    model           text not null,
    latency_us      integer,
    created_at      timestamptz not null default now()
);
create index sentiment_analysis_customer_idx on sentiment_analysis (customer_id, created_at);
create index sentiment_analysis_conversation_idx on sentiment_analysis (conversation_id);

create table conversation_categories (
    id              uuid primary key,
    customer_id     uuid not null references customers (id) on delete cascade,
    conversation_id uuid not null references conversations (id) on delete cascade,
    message_id      uuid references messages (id) on delete cascade,
    category_key    text not null,
    confidence      numeric(5, 4) not null check (confidence between 0 and 1),
    source          text not null default 'model' check (source in ('model', 'agent')),
    created_at      timestamptz not null default now()
);
create index conversation_categories_customer_idx on conversation_categories (customer_id, created_at);
create index conversation_categories_conversation_idx on conversation_categories (conversation_id);
create index conversation_categories_message_idx on conversation_categories (message_id);

create table response_suggestions (
    id              uuid primary key,
    customer_id     uuid not null references customers (id) on delete cascade,
    conversation_id uuid not null references conversations (id) on delete cascade,
    message_id      uuid references messages (id) on delete cascade,
    source          text not null,
    source_ref      text,
    text            text not null,
    score           numeric(6, 4) not null default 0,
    reason          text not null default '',
    rank            integer not null default 1,
    status          text not null default 'shown' check (status in ('shown', 'accepted', 'edited', 'ignored')),
    sent_text       text,
    edit_distance   integer,
    created_at      timestamptz not null default now(),
    decided_at      timestamptz
);
create index response_suggestions_customer_idx on response_suggestions (customer_id, created_at);
create index response_suggestions_conversation_idx on response_suggestions (conversation_id);
create index response_suggestions_message_idx on response_suggestions (message_id);

create table prediction_analysis (
    id                          uuid primary key,
    customer_id                 uuid not null references customers (id) on delete cascade,
    conversation_id             uuid not null references conversations (id) on delete cascade,
    escalation_risk             numeric(5, 4) not null check (escalation_risk between 0 and 1),
    expected_csat               numeric(3, 2) check (expected_csat between 1 and 5),
    expected_resolution_minutes integer,
    factors                     jsonb not null default '[]'::jsonb,
    model                       text not null,
    created_at                  timestamptz not null default now()
);
create index prediction_analysis_customer_idx on prediction_analysis (customer_id, created_at);
create index prediction_analysis_conversation_idx on prediction_analysis (conversation_id, created_at);

create table escalation_rules (
    id               uuid primary key,
    customer_id      uuid not null references customers (id) on delete cascade,
    name             text not null,
    enabled          boolean not null default true,
    severity         text not null default 'medium' check (severity in ('low', 'medium', 'high', 'critical')),
    condition        jsonb not null,
    actions          jsonb not null default '[]'::jsonb,
    cooldown_minutes integer not null default 30 check (cooldown_minutes >= 0),
    created_by       text,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now()
);
create index escalation_rules_customer_idx on escalation_rules (customer_id, created_at);

create table escalation_events (
    id              uuid primary key,
    customer_id     uuid not null references customers (id) on delete cascade,
    conversation_id uuid not null references conversations (id) on delete cascade,
    message_id      uuid references messages (id) on delete cascade,
    rule_id         uuid references escalation_rules (id) on delete set null,
    reason          text not null,
    severity        text not null check (severity in ('low', 'medium', 'high', 'critical')),
    status          text not null default 'open' check (status in ('open', 'acknowledged', 'resolved')),
    opened_at       timestamptz not null default now(),
    acknowledged_at timestamptz,
    acknowledged_by text,
    resolved_at     timestamptz,
    resolved_by     text,
    resolution_note text,
    created_at      timestamptz not null default now()
);
create index escalation_events_customer_idx on escalation_events (customer_id, created_at);
create index escalation_events_conversation_idx on escalation_events (conversation_id);
create index escalation_events_message_idx on escalation_events (message_id);
create index escalation_events_rule_idx on escalation_events (rule_id);
create index escalation_events_open_idx on escalation_events (customer_id, status) where status <> 'resolved';

create table conversation_insights (
    id           uuid primary key,
    customer_id  uuid not null references customers (id) on delete cascade,
    period_start timestamptz not null,
    period_end   timestamptz not null,
    kind         text not null,
    data         jsonb not null,
    created_at   timestamptz not null default now()
);
create index conversation_insights_customer_idx on conversation_insights (customer_id, created_at);
create index conversation_insights_period_idx on conversation_insights (customer_id, kind, period_start);

-- Spring Modulith event publication registry (schema v2 of spring-modulith-events-jdbc) -------

create table event_publication (
    id                     uuid not null primary key,
    listener_id            text not null,
    event_type             text not null,
    serialized_event       text not null,
    publication_date       timestamptz not null,
    completion_date        timestamptz,
    status                 text,
    completion_attempts    integer,
    last_resubmission_date timestamptz
);
create index event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index event_publication_by_completion_date_idx on event_publication (completion_date);

-- row-level security ------------------------------------------------------------------------

alter table customers enable row level security;
alter table customers force row level security;
create policy tenant_isolation on customers
    using (id = app_current_customer() or app_platform_access())
    with check (app_platform_access());

do $$
declare
    t text;
begin
    foreach t in array array['app_users', 'audit_log', 'contacts', 'conversations', 'messages',
                             'sentiment_analysis', 'conversation_categories', 'response_suggestions',
                             'prediction_analysis', 'escalation_rules', 'escalation_events',
                             'conversation_insights']
    loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
        execute format('create policy tenant_isolation on %I
                            using (customer_id = app_current_customer() or app_platform_access())
                            with check (customer_id = app_current_customer() or app_platform_access())', t);
    end loop;
end
$$;

-- privileges for the application role --------------------------------------------------------

grant usage on schema public to ${appRole};
grant select, insert, update, delete on all tables in schema public to ${appRole};
revoke all on flyway_schema_history from ${appRole};
grant select on flyway_schema_history to ${appRole};
grant execute on all functions in schema public to ${appRole};
alter default privileges in schema public grant select, insert, update, delete on tables to ${appRole};
alter default privileges in schema public grant usage, select on sequences to ${appRole};
