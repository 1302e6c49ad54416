-- issue 6: response suggestions. The module owns response_suggestions (V1) and these tables.

create table reply_library (
    id          uuid primary key,
    customer_id uuid not null references customers (id) on delete cascade,
    title       text not null check (length(title) between 1 and 120),
    body        text not null check (length(body) between 1 and 4000),
    categories  text[] not null default '{}',
    retired     boolean not null default false,
    created_by  text,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);
create index reply_library_customer_idx on reply_library (customer_id, created_at);

create table knowledge_snippets (
    id          uuid primary key,
    customer_id uuid not null references customers (id) on delete cascade,
    title       text not null check (length(title) between 1 and 160),
    body        text not null check (length(body) between 1 and 8000),
    categories  text[] not null default '{}',
    retired     boolean not null default false,
    search      tsvector generated always as (to_tsvector('english', title || ' ' || body)) stored,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);
create index knowledge_snippets_customer_idx on knowledge_snippets (customer_id, created_at);
create index knowledge_snippets_search_idx on knowledge_snippets using gin (search);
create index knowledge_snippets_trgm_idx on knowledge_snippets using gin ((title || ' ' || body) gin_trgm_ops);

-- past agent replies with the contact message they answered (fed from MessageReceived)
create table reply_pairs (
    id               uuid primary key,
    customer_id      uuid not null references customers (id) on delete cascade,
    conversation_id  uuid not null references conversations (id) on delete cascade,
    contact_message  uuid not null references messages (id) on delete cascade,
    agent_message    uuid not null unique references messages (id) on delete cascade,
    contact_text     text not null,
    reply_text       text not null,
    created_at       timestamptz not null default now()
);
create index reply_pairs_customer_idx on reply_pairs (customer_id, created_at);
create index reply_pairs_conversation_idx on reply_pairs (conversation_id);
create index reply_pairs_contact_message_idx on reply_pairs (contact_message);
create index reply_pairs_trgm_idx on reply_pairs using gin (contact_text gin_trgm_ops);

-- per customer and source entry: what agents did with it (ranking feedback, supervisors' figures)
create table suggestion_source_stats (
    customer_id uuid not null references customers (id) on delete cascade,
    source      text not null,
    source_ref  text not null,
    shown       integer not null default 0,
    accepted    integer not null default 0,
    edited      integer not null default 0,
    ignored     integer not null default 0,
    primary key (customer_id, source, source_ref)
);

-- edited versions that keep being sent, proposed to supervisors as new library entries
create table reply_proposals (
    id          uuid primary key,
    customer_id uuid not null references customers (id) on delete cascade,
    source_ref  text,
    title       text not null,
    text        text not null,
    occurrences integer not null default 1,
    status      text not null default 'pending' check (status in ('pending', 'accepted', 'dismissed')),
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);
create index reply_proposals_customer_idx on reply_proposals (customer_id, created_at);
create index reply_proposals_trgm_idx on reply_proposals using gin (text gin_trgm_ops);

-- LLM drafting calls (tokens, cost, outcome): the suggestion module's own ledger (ai_usage belongs to analysis)
create table suggestion_ai_usage (
    id                uuid primary key,
    customer_id       uuid not null references customers (id) on delete cascade,
    conversation_id   uuid references conversations (id) on delete cascade,
    model             text not null,
    prompt_tokens     integer not null default 0,
    completion_tokens integer not null default 0,
    cost_usd          numeric(12, 6) not null default 0,
    latency_ms        integer not null default 0,
    outcome           text not null check (outcome in ('success', 'timeout', 'error', 'invalid_output', 'circuit_open')),
    created_at        timestamptz not null default now()
);
create index suggestion_ai_usage_customer_idx on suggestion_ai_usage (customer_id, created_at);
create index suggestion_ai_usage_conversation_idx on suggestion_ai_usage (conversation_id);

alter table response_suggestions
    add column batch_id     uuid,
    add column source_title text not null default '',
    add column inserted_by  uuid,
    add column inserted_at  timestamptz;
create index response_suggestions_batch_idx on response_suggestions (conversation_id, created_at desc);

do $$
declare
    t text;
begin
    foreach t in array array['reply_library', 'knowledge_snippets', 'reply_pairs', 'suggestion_source_stats',
                             'reply_proposals', 'suggestion_ai_usage']
    loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
        execute format('create policy tenant_isolation on %I
                            using (customer_id = app_current_customer() or app_platform_access())
                            with check (customer_id = app_current_customer() or app_platform_access())', t);
    end loop;
end
$$;

grant select, insert, update, delete on reply_library, knowledge_snippets, reply_pairs, suggestion_source_stats,
    reply_proposals, suggestion_ai_usage to ${appRole};
